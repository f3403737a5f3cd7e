import { searchHints } from '../../../../nodes/Dialogporten/helpers/errorMessages';

describe('searchHints', () => {
	it('explains a 422 as a slow free-text search only when the search had free text', () => {
		expect(searchHints({ search: 'søknad' })[422]).toContain('free-text search');
	});

	it('gives no hint for a 422 of a search without free text (a bad filter is something else)', () => {
		expect(searchHints({})[422]).toBeUndefined();
		expect(searchHints({ search: '  ' })[422]).toBeUndefined();
		expect(searchHints({ search: undefined })[422]).toBeUndefined();
	});
});
