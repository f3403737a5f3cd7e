import type { INodeParameters } from 'n8n-workflow';

import {
	getActionEndpoints,
	getActions,
	getAttachments,
	getContentUrls,
	getTransmissions,
} from '../../../../nodes/Dialogporten/methods/loadOptions';
import { statusInWords } from '../../../../nodes/Dialogporten/helpers/simplify';
import { searchDialogs, searchParties } from '../../../../nodes/Dialogporten/methods/listSearch';
import { BAKERY, NodeHarness, dialogLocator } from '../support/harness';
import { maskinportenCredential } from '../../../support/credentials';

describe('resource locator lists and option loaders', () => {
	const h = new NodeHarness();
	let dialogId: string;
	beforeAll(async () => {
		await h.start({ seedDialogs: 60 });
		const [first] = await h.run('systemUser', {
			resource: 'dialog',
			operation: 'search',
			limit: 1,
		});
		dialogId = String(first.json.id);
	});
	afterAll(async () => await h.stop());
	afterEach(() => expect(h.violations()).toEqual([]));

	const context = (parameters: INodeParameters, api: 'enduser' | 'serviceowner' = 'enduser') =>
		h.runtime.loadOptionsContext(
			h.node,
			{ api, authentication: 'maskinportenApi', ...parameters },
			{ maskinportenApi: api === 'enduser' ? 'systemUser' : 'serviceOwner' },
		);

	it('lists parties by name or number (end user), and none for a service owner', async () => {
		const all = await searchParties.call(context({}));
		expect(all.results).toEqual([{ name: 'BAKERIET ÅS AS (310000051)', value: BAKERY }]);
		expect((await searchParties.call(context({}), 'bakeri')).results).toHaveLength(1);
		expect((await searchParties.call(context({}), '310000051')).results).toHaveLength(1);
		expect((await searchParties.call(context({}), 'fiskeri')).results).toHaveLength(0);
		expect((await searchParties.call(context({}, 'serviceowner'))).results).toEqual([]);
	});

	it('names a status in words', () => {
		expect(statusInWords('RequiresAttention')).toBe('Requires attention');
		expect(statusInWords('InProgress')).toBe('In progress');
		expect(statusInWords('Completed')).toBe('Completed');
	});

	it('lists dialogs page by page with their titles, and searches by text', async () => {
		const first = await searchDialogs.call(context({}, 'serviceowner'));
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toEqual(expect.any(String));
		expect(first.results[0]).toMatchObject({
			name: expect.stringMatching(/ nr\. \d+ – [A-Z][a-z]+( [a-z]+)? – \d{4}-\d{2}-\d{2}$/),
			value: expect.any(String),
		});
		// The link opens the dialog in the end user's inbox the credential names.
		expect(first.results[0].url).toBe(`${h.local.urls.inbox}/inbox/${first.results[0].value}`);
		const page = await fetch(first.results[0].url!);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(first.results[0].name.split(' – ')[0]);
		// A Custom credential that names no inbox links to the dialog in the API instead.
		h.addCredential(
			'maskinportenApi',
			{ ...maskinportenCredential(h.local, 'serviceOwner'), inboxUrl: '' },
			'serviceOwnerNoInbox',
		);
		const noInbox = await searchDialogs.call(
			h.runtime.loadOptionsContext(
				h.node,
				{ api: 'serviceowner', authentication: 'maskinportenApi' },
				{ maskinportenApi: 'serviceOwnerNoInbox' },
			),
		);
		expect(noInbox.results[0].url).toBe(
			`${h.local.urls.dialogporten}/api/v1/serviceowner/dialogs/${noInbox.results[0].value}`,
		);
		const second = await searchDialogs.call(
			context({}, 'serviceowner'),
			undefined,
			first.paginationToken as string,
		);
		expect(second.results.length).toBeGreaterThan(0);
		expect(second.results.map((r) => r.value)).not.toContain(first.results[0].value);
		const found = await searchDialogs.call(context({}), 'nr. 7');
		expect(found.results.every((r) => r.name.includes('nr. 7'))).toBe(true);
	});

	it('loads the actions, endpoints, attachments, transmissions and content URLs of the chosen dialog', async () => {
		const parameters = {
			resource: 'action',
			operation: 'execute',
			dialogId: dialogLocator(dialogId),
		};
		const actions = await getActions.call(context(parameters));
		expect(actions.map((a) => a.name)).toEqual([
			'API: getContent (GET)',
			'API: confirm (POST)',
			'GUI: Les melding',
			'GUI: Bekreft',
		]);
		// Stored by name (or authorization action), which every dialog of the service shares; a GUI
		// action whose name an API action has too is stored as gui:<action>.
		expect(actions.map((a) => a.value)).toEqual([
			'getContent',
			'confirm',
			'gui:read',
			'gui:confirm',
		]);
		const endpoints = await getActionEndpoints.call(
			context({ ...parameters, actionId: 'confirm' }),
		);
		expect(endpoints.map((e) => [e.name, e.value])).toEqual([
			['First Non-Deprecated', ''],
			['v1', 'v1'],
		]);
		const content = { ...parameters, operation: 'fetchContent' };
		const attachments = await getAttachments.call(
			context({ ...content, contentSource: 'attachment' }),
		);
		expect(attachments[0]).toMatchObject({
			name: 'Vedlegg',
			description: expect.stringContaining('Api: http'),
		});
		const transmissions = await getTransmissions.call(
			context({ ...content, contentSource: 'transmissionContentReference' }),
		);
		expect(transmissions[0].name).toMatch(/^Melding i sak \d+ \(Information\)$/);
		const urls = await getContentUrls.call(context({ ...content, contentSource: 'url' }));
		expect(urls.map((u) => u.value)).toEqual([
			`${h.local.urls.correspondence}/correspondence/${dialogId}/content`,
		]);
	});

	it('lists nothing, rather than an error, before a dialog is chosen', async () => {
		for (const dialog of [
			{ __rl: true, mode: 'list', value: '' },
			{ __rl: true, mode: 'id', value: '={{ $json.id }}' },
		]) {
			const parameters = { resource: 'action', operation: 'execute', dialogId: dialog };
			expect(await getActions.call(context(parameters))).toEqual([]);
			expect(
				(await getActionEndpoints.call(context({ ...parameters, actionId: 'confirm' }))).map(
					(e) => e.name,
				),
			).toEqual(['First Non-Deprecated']);
			expect(await getAttachments.call(context(parameters))).toEqual([]);
			expect(await getTransmissions.call(context(parameters))).toEqual([]);
			expect(await getContentUrls.call(context(parameters))).toEqual([]);
		}
	});
});
