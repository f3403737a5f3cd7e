import {
	hashSecret,
	secretMatchesHash,
} from '../../../../../nodes/Dialogporten/triggers/webhook/secret';

describe('the trigger secret, kept as its hash', () => {
	const hash = hashSecret('abc');

	it('is SHA-256, hex', () => {
		expect(hash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});

	it('matches only the identical non-empty string', () => {
		expect(secretMatchesHash(hash, 'abc')).toBe(true);
		expect(secretMatchesHash(hash, 'abd')).toBe(false);
		expect(secretMatchesHash(hash, 'abcd')).toBe(false);
		expect(secretMatchesHash(hash, '')).toBe(false);
		expect(secretMatchesHash(hash, undefined)).toBe(false);
		expect(secretMatchesHash(hash, ['abc'])).toBe(false);
	});

	it('matches nothing when the stored hash is not one', () => {
		expect(secretMatchesHash('', '')).toBe(false);
		expect(secretMatchesHash('abc', 'abc')).toBe(false);
	});
});
