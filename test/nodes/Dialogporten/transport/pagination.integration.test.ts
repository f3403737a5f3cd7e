/**
 * Return All against a search that misbehaves: every way it can end is said, in an error or in
 * the output's warning, and no item is output twice.
 */
import { NodeOperationError } from 'n8n-workflow';
import { maskinportenCredential } from '../../../support/credentials';
import { PagingSystem } from '../../../support/paging-system';
import { NodeHarness, failureOf } from '../support/harness';

describe('Return All', () => {
	const h = new NodeHarness();
	const paging = new PagingSystem();
	beforeAll(async () => {
		await h.start({ seedDialogs: 0 });
		const dialogportenUrl = await paging.start();
		h.addCredential(
			'maskinportenApi',
			maskinportenCredential(h.local, 'serviceOwner', { dialogportenUrl }),
			'pagingOwner',
		);
	});
	afterAll(async () => {
		await paging.stop();
		await h.stop();
	});

	const search = (parameters: Record<string, unknown> = {}) =>
		h.runAs('pagingOwner', 'serviceowner', {
			resource: 'dialog',
			operation: 'search',
			returnAll: true,
			options: { pageSize: 2 },
			simplify: false,
			...parameters,
		});

	it('follows the pages to the last one', async () => {
		paging.reset('normal');
		const out = await search();
		expect(out).toHaveLength(5);
		expect(paging.pages).toBe(3);
		expect(h.runtime.lastHints).toEqual([]);
	});

	it('fails with what happened and how far it got when the server repeats a continuation token', async () => {
		paging.reset('repeatedToken');
		const error = await failureOf(search());
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'Dialogporten repeated a continuation token (page 3 would be a page read before)',
		);
		expect(error.description).toBe(
			'Return All stops instead of reading the same pages again. 4 items were read in 2 pages; nothing is output.',
		);
		expect(paging.pages).toBe(2);
	});

	it('fails at its cap when new tokens keep coming, saying how far it got', async () => {
		paging.reset('endless');
		const error = await failureOf(search({ returnAllCap: 7 }));
		expect(error.message).toBe(
			'Return All reached its cap of 7 items, and Dialogporten still has more',
		);
		expect(error.description).toBe(
			'7 items were read in 4 pages; nothing is output. Raise "Return All Cap", narrow the search, or set "When the Cap Is Reached" to output the items read.',
		);
		// The last page asks only for what the cap leaves.
		expect(paging.requests.map((url) => url.searchParams.get('limit'))).toEqual([
			'2',
			'2',
			'2',
			'1',
		]);
	});

	it('outputs the items up to the cap with a warning, when chosen', async () => {
		paging.reset('endless');
		const out = await search({ returnAllCap: 5, whenCapReached: 'output' });
		expect(out).toHaveLength(5);
		expect(h.runtime.lastHints).toEqual([
			{
				message:
					'Return All stopped at its cap of 5 items: Dialogporten has more. Raise "Return All Cap" or narrow the search to get the rest.',
				type: 'warning',
				location: 'outputPane',
			},
		]);
	});

	it('outputs an item once when it appears on two pages, and says so', async () => {
		paging.reset('repeatedItems');
		const out = await search();
		const ids = out.map((item) => item.json.id);
		expect(ids).toHaveLength(5);
		expect(new Set(ids).size).toBe(5);
		expect(h.runtime.lastHints).toEqual([
			expect.objectContaining({
				message:
					'1 item appeared on more than one page (changed while the pages were read) and is output once, as first read.',
			}),
		]);
	});

	it('fails on a page with no new items that says more follow', async () => {
		paging.reset('emptyPage');
		const error = await failureOf(search());
		expect(error.message).toBe(
			'Dialogporten returned page 2 with no new items but says more follow',
		);
		expect(error.description).toBe(
			'Return All stops instead of paging without end. 2 items were read in 2 pages; nothing is output.',
		);
	});

	it('a Limit stops quietly where it is reached', async () => {
		paging.reset('endless');
		const out = await search({ returnAll: false, limit: 3 });
		expect(out).toHaveLength(3);
		expect(h.runtime.lastHints).toEqual([]);
	});
});
