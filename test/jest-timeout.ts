// Integration tests drive real brokers; a slow 2-core machine needs room.
jest.setTimeout(180_000);
