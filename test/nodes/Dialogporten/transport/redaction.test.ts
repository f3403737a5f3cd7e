import { redactSecrets } from '../../../../nodes/Dialogporten/transport/redaction';

describe('redactSecrets', () => {
	it('removes bearer tokens and JWTs', () => {
		expect(redactSecrets('Authorization: Bearer abc.def-ghi')).toBe(
			'Authorization: Bearer [redacted]',
		);
		expect(redactSecrets('token eyJabcdef.eyJabcdef.sig here')).toBe('token [redacted] here');
		expect(redactSecrets('short payload eyJhbGciOi.e30.sig')).toBe('short payload [redacted]');
	});

	it('removes the secrets it is given, when they are long enough to be secrets', () => {
		expect(redactSecrets('grant=abcdefgh123 and x', ['abcdefgh123', 'x'])).toBe(
			'grant=[redacted] and x',
		);
	});
});
