import { parseRetryAfter } from '../../../../nodes/Dialogporten/transport/retry';

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-01-01T12:00:00Z');
	it('reads seconds and RFC 1123 dates', () => {
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('0.5', now)).toBe(500);
		expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:02 GMT', now)).toBe(2000);
		expect(parseRetryAfter('Thu, 01 Jan 2026 11:59:00 GMT', now)).toBe(0);
	});
	it('gives undefined for absent or unreadable values', () => {
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});
});
