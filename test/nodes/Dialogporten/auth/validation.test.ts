import {
	isValidOrgNumber,
	parseExternalRef,
	parseOrgNumber,
	parseScopes,
} from '../../../../nodes/Dialogporten/auth/validation';

describe('organization numbers', () => {
	it.each(['310000019', '974760673', '991825827', '910753614', '0192:974760673', ' 974 760 673 '])(
		'accepts %j',
		(value) => {
			expect(parseOrgNumber(value, 'System User Organization')).toBe(
				value.replace(/\s|0192:/g, ''),
			);
		},
	);

	it('computes the mod-11 check digit (weights 3 2 7 6 5 4 3 2)', () => {
		// 97476067?: 9*3+7*2+4*7+7*6+6*5+0*4+6*3+7*2 = 173, 173 % 11 = 8, 11 - 8 = 3
		expect(isValidOrgNumber('974760673')).toBe(true);
		for (const digit of '012456789') expect(isValidOrgNumber(`97476067${digit}`)).toBe(false);
	});

	it('rejects every number whose check digit would be 10', () => {
		const weights = [3, 2, 7, 6, 5, 4, 3, 2];
		let base = 10000000;
		while (weights.reduce((acc, w, i) => acc + w * Number(String(base)[i]), 0) % 11 !== 1) base++;
		for (let d = 0; d <= 9; d++) expect(isValidOrgNumber(`${base}${d}`)).toBe(false);
	});

	it.each([
		['', /System User Organization is required/],
		['97476067', /must be a 9-digit organization number/],
		['9747606733', /must be a 9-digit organization number/],
		['97476067a', /must be a 9-digit organization number/],
		['0192:97476067', /must be a 9-digit organization number/],
		[
			'974760674',
			/"974760674" is not a valid organization number \(the mod-11 check digit does not match\)/,
		],
	])('rejects %j with a clear message', (value, message) => {
		expect(() => parseOrgNumber(value, 'System User Organization')).toThrow(message);
	});
});

describe('externalRef', () => {
	it('is optional', () => {
		expect(parseExternalRef('')).toBeUndefined();
		expect(parseExternalRef(undefined)).toBeUndefined();
	});

	it('accepts the documented charset up to 255 characters', () => {
		expect(parseExternalRef('kunde-4711_ÆØÅæøå')).toBe('kunde-4711_ÆØÅæøå');
		expect(parseExternalRef('a'.repeat(255))).toBe('a'.repeat(255));
	});

	it('rejects longer values', () => {
		expect(() => parseExternalRef('a'.repeat(256))).toThrow(
			'External Reference is 256 characters long; Altinn allows at most 255',
		);
	});

	it.each(['kunde 4711', 'kunde.4711', 'kunde/4711', 'kunde:4711', 'kundé', 'ä'])(
		'rejects %j and names the characters',
		(value) => {
			expect(() => parseExternalRef(value)).toThrow(
				/External Reference contains characters Altinn does not allow \(.+\)/,
			);
		},
	);
});

describe('scopes', () => {
	it('splits on any whitespace and removes duplicates', () => {
		expect(
			parseScopes(' digdir:dialogporten\n altinn:correspondence.read  digdir:dialogporten '),
		).toEqual(['digdir:dialogporten', 'altinn:correspondence.read']);
	});

	it.each(['', '   ', undefined])('rejects an empty list (%j)', (value) => {
		expect(() => parseScopes(value)).toThrow(
			/Scopes is empty: Maskinporten requires at least one scope/,
		);
	});

	it('rejects comma-separated lists', () => {
		expect(() => parseScopes('digdir:dialogporten,altinn:correspondence.read')).toThrow(
			'Scopes must be separated by spaces, not commas',
		);
	});
});
