import {
	pickLocalized,
	simplifyLocalizations,
} from '../../../../nodes/Dialogporten/helpers/simplify';

const title = [
	{ languageCode: 'en', value: 'Application' },
	{ languageCode: 'nb', value: 'Søknad' },
];

describe('pickLocalized', () => {
	it('picks the chosen language', () => {
		expect(pickLocalized(title, 'en')).toBe('Application');
		expect(pickLocalized(title, 'nb')).toBe('Søknad');
	});

	it('falls back nn → nb and nb → nn → en', () => {
		expect(pickLocalized(title, 'nn')).toBe('Søknad');
		expect(pickLocalized([{ languageCode: 'en', value: 'Only English' }], 'nb')).toBe(
			'Only English',
		);
		expect(
			pickLocalized(
				[
					{ languageCode: 'nn', value: 'Søknad (nn)' },
					{ languageCode: 'en', value: 'x' },
				],
				'nb',
			),
		).toBe('Søknad (nn)');
	});

	it('understands region-tagged codes and "no", and returns the first text otherwise', () => {
		expect(pickLocalized([{ languageCode: 'nb-NO', value: 'Bokmål' }], 'nb')).toBe('Bokmål');
		expect(
			pickLocalized(
				[
					{ languageCode: 'no', value: 'Norsk' },
					{ languageCode: 'se', value: 'Sámi' },
				],
				'nn',
			),
		).toBe('Norsk');
		expect(pickLocalized([{ languageCode: 'se', value: 'Sámi' }], 'en')).toBe('Sámi');
		expect(pickLocalized([], 'en')).toBeNull();
	});
});

describe('simplifyLocalizations', () => {
	it('replaces content values and bare translation lists with strings, keeping other fields', () => {
		const dialog = {
			id: 'd1',
			content: {
				title: { mediaType: 'text/plain', value: title },
				additionalInfo: {
					mediaType: 'text/markdown',
					value: [{ languageCode: 'nb', value: '**Viktig**' }],
				},
				mainContentReference: {
					mediaType: 'application/vnd.dialogporten.frontchannelembed-url;type=text/markdown',
					value: [{ languageCode: 'nb', value: 'https://example.com/nb.md' }],
				},
				summary: null,
			},
			guiActions: [{ id: 'g1', title: title, url: 'https://example.com' }],
			transmissions: [
				{ content: { title: { mediaType: 'text/plain', value: title, isAuthorized: true } } },
			],
			searchTags: [],
		};
		expect(simplifyLocalizations(dialog, 'en')).toEqual({
			id: 'd1',
			content: {
				title: 'Application',
				additionalInfo: '**Viktig**',
				additionalInfoMediaType: 'text/markdown',
				mainContentReference: 'https://example.com/nb.md',
				mainContentReferenceMediaType:
					'application/vnd.dialogporten.frontchannelembed-url;type=text/markdown',
				summary: null,
			},
			guiActions: [{ id: 'g1', title: 'Application', url: 'https://example.com' }],
			transmissions: [{ content: { title: 'Application' } }],
			searchTags: [],
		});
	});

	it('leaves the input untouched', () => {
		const data = { title: [...title] };
		simplifyLocalizations(data, 'nb');
		expect(data.title).toHaveLength(2);
	});
});
