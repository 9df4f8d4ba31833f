// Global setup shared by every test file. The Redis servers the tests need are
// started here (see test/redis-servers.ts once the Redis store lands).
export default function setup(): void {}
