/** A reading as published: a sequence number, the measured values and the device's clock. */
export interface Reading {
  seq: number;
  temperature: number;
  humidity: number;
  at: number;
}

/** A simulated sensor: a bounded random walk, so consecutive readings look plausible. */
export function createSimulatedSensor(seed = 21): () => Reading {
  let seq = 0;
  let temperature = seed;
  let humidity = 45;
  return () => {
    temperature = Math.min(40, Math.max(-10, temperature + (Math.random() - 0.5)));
    humidity = Math.min(100, Math.max(0, humidity + (Math.random() - 0.5) * 2));
    seq += 1;
    return { seq, temperature: Math.round(temperature * 10) / 10, humidity: Math.round(humidity), at: Date.now() };
  };
}
