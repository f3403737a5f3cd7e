/**
 * The Dialogporten node and the Maskinporten credential inside a real n8n, against the local Altinn
 * stand-in: the end-user flow from parties to an executed API action, token reuse across items
 * and executions (n8n persists the token between `n8n execute` processes), refresh when tokens are
 * short-lived, Altinn errors surfacing in n8n without secrets, and n8n's credential test.
 */
import { generateKeyPairSync } from 'node:crypto';
import { startAltinnLocal, type AltinnLocal } from '../../altinn-local';
import {
	serviceOwnerClient,
	systemUserClient,
	organizations,
	orgUrn,
} from '../../altinn-local/fixtures';
import { nodeItems, prepareN8n, type PreparedN8n, type WorkflowFile } from './harness';
import { maskinportenCredential } from '../support/credentials';
import { PagingSystem } from '../support/paging-system';
import { RecordingSystem } from '../support/recording-system';
import { OWNER, chainWorkflow, e2eLog, ours } from './support/harness';
import { OutputAudit, auditOutputs } from './support/output-audit';
import {
	expectPartiesToConfirm,
	maskinportenEndUserNode,
	partiesSearchGetConfirm,
} from './support/workflows';

jest.setTimeout(180_000);

const SYSTEM_USER = { id: 'e2eSystemUser001', name: 'Maskinporten system user' };
const SERVICE_OWNER = { id: 'e2eServiceOwnr01', name: 'Maskinporten service owner' };
const SHORT_LIVED = { id: 'e2eShortLived001', name: 'Maskinporten, short-lived tokens' };
/** What n8n 2.41 shows for a stored secret field (n8n-workflow's CREDENTIAL_BLANKING_VALUE). */
const CREDENTIAL_BLANKING_VALUE = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';
const PAGING = { id: 'e2ePagingOwner01', name: 'Maskinporten, a search that misbehaves' };
const KEY_ROTATION = { id: 'e2eKeyRotation01', name: 'Maskinporten, key about to be rotated' };
const UNKNOWN_CLIENT = {
	id: 'e2eUnknownClnt01',
	name: 'Maskinporten, client Maskinporten does not know',
};

const bakery = orgUrn(organizations.bakery.orgNumber);

let altinn: AltinnLocal;
let ctx: PreparedN8n;
/** A host no dialog should send the credential token to unless the user trusts it. */
const elsewhere = new RecordingSystem();
let elsewhereUrl: string;
/** A dialog search that repeats tokens or pages without end, as the test sets it. */
const paging = new PagingSystem();
const audit = new OutputAudit();

const endUser = (parameters: Record<string, unknown>) =>
	maskinportenEndUserNode(SYSTEM_USER, parameters);

const serviceOwner = (
	parameters: Record<string, unknown>,
	credential: { id: string; name: string } = SERVICE_OWNER,
) => ({
	type: ours('dialogporten'),
	typeVersion: 1,
	parameters: { api: 'serviceowner', authentication: 'maskinportenApi', ...parameters },
	credentials: { maskinportenApi: credential },
});

const tenItems = {
	name: 'Ten Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: 'return Array.from({ length: 10 }, (_, i) => ({ json: { i } }));' },
};

const returnAll = (extra: Record<string, unknown>) => ({
	resource: 'dialog',
	operation: 'search',
	returnAll: true,
	options: { pageSize: 2 },
	filters: {},
	...extra,
});

const workflows: Record<string, WorkflowFile> = {
	seedDeck: partiesSearchGetConfirm('e2eSeedDeckFlow1', SYSTEM_USER),
	manyItems: chainWorkflow('e2eManyItems0001', 'Ten searches, one token', [
		tenItems,
		{
			name: 'Search',
			...serviceOwner({
				resource: 'dialog',
				operation: 'search',
				returnAll: false,
				limit: 1,
				filters: {},
			}),
		},
	]),
	shortLived: chainWorkflow('e2eShortLived001', 'Short-lived tokens', [
		{
			name: 'Search',
			...serviceOwner(
				{ resource: 'dialog', operation: 'search', returnAll: false, limit: 1, filters: {} },
				SHORT_LIVED,
			),
		},
	]),
	returnAllCapError: chainWorkflow('e2eReturnAllCap1', 'Return All, cap 5, fail', [
		{ name: 'Search', ...serviceOwner(returnAll({ returnAllCap: 5 }), PAGING) },
	]),
	returnAllCapOutput: chainWorkflow('e2eReturnAllCap2', 'Return All, cap 5, output', [
		{
			name: 'Search',
			...serviceOwner(returnAll({ returnAllCap: 5, whenCapReached: 'output' }), PAGING),
		},
	]),
	keyRotation: chainWorkflow('e2eKeyRotation01', 'Parties, before the key is rotated', [
		{
			name: 'Parties',
			...endUser({ resource: 'party', operation: 'getMany' }),
			credentials: { maskinportenApi: KEY_ROTATION },
		},
	]),
	notFound: chainWorkflow('e2eNotFound00001', 'A dialog that does not exist', [
		{
			name: 'Get',
			...endUser({
				resource: 'dialog',
				operation: 'get',
				dialogId: { __rl: true, mode: 'id', value: '0194b9a4-1c2d-7e3f-8a9b-0c1d2e3f4a5b' },
			}),
		},
	]),
};

beforeAll(async () => {
	altinn = audit.watch(await startAltinnLocal({ port: 0, quiet: true }));
	ctx = await prepareN8n({ log: e2eLog });
	await ctx.n8n.importCredentials([
		{ ...SYSTEM_USER, type: 'maskinportenApi', data: maskinportenCredential(altinn, 'systemUser') },
		{
			...SERVICE_OWNER,
			type: 'maskinportenApi',
			data: maskinportenCredential(altinn, 'serviceOwner'),
		},
		{
			...KEY_ROTATION,
			type: 'maskinportenApi',
			data: maskinportenCredential(altinn, 'systemUser'),
		},
		{
			...UNKNOWN_CLIENT,
			type: 'maskinportenApi',
			data: maskinportenCredential(altinn, 'systemUser', { clientId: 'not-a-registered-client' }),
		},
	]);
	elsewhereUrl = await elsewhere.start();
	await ctx.n8n.importCredentials([
		{
			...PAGING,
			type: 'maskinportenApi',
			data: maskinportenCredential(altinn, 'serviceOwner', {
				dialogportenUrl: await paging.start(),
			}),
		},
	]);
	const dialogId = await altinn.dialogs.create({
		serviceResource: 'urn:altinn:resource:ttd-meldingstjeneste',
		party: bakery,
		status: 'InProgress',
		isApiOnly: false,
		content: {
			title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Annen vert' }] },
		},
		apiActions: [
			{
				action: 'read',
				name: 'elsewhere',
				endpoints: [{ url: `${elsewhereUrl}/api/content`, httpMethod: 'GET' }],
			},
		],
	});
	const executeElsewhere = (trustedHosts: string) => ({
		name: 'Execute',
		...endUser({
			resource: 'action',
			operation: 'execute',
			dialogId: { __rl: true, mode: 'id', value: dialogId },
			actionId: 'elsewhere',
			actionAuth: 'credential',
			trustedHosts,
		}),
	});
	workflows.untrustedHost = chainWorkflow(
		'e2eUntrustedHst1',
		'Credential token to an untrusted host',
		[executeElsewhere('')],
	);
	workflows.trustedHost = chainWorkflow('e2eTrustedHost01', 'Credential token to a trusted host', [
		executeElsewhere(new URL(elsewhereUrl).host),
	]);
	await ctx.n8n.importWorkflows(Object.values(workflows));
}, 30 * 60_000);

afterAll(async () => {
	await elsewhere.stop();
	await paging.stop();
	await ctx?.n8n.dispose();
	await altinn?.stop();
});

let violationsBefore = 0;
beforeEach(() => {
	violationsBefore = altinn.specViolations.length;
});
afterEach(() => {
	// Every request our nodes sent, and every answer they got, matched the OpenAPI document.
	expect(altinn.specViolations.slice(violationsBefore)).toEqual([]);
});

test('parties → search → get → the "confirm" API action, as a system user', async () => {
	const confirmsBefore = altinn.stats.requests('/platform/correspondence');
	const run = await ctx.n8n.executeOk(workflows.seedDeck.id);
	const { parties, found, confirmed } = expectPartiesToConfirm(run, altinn, confirmsBefore);
	e2eLog(
		`seed-deck flow: ${parties.length} party, ${found.length} dialogs found and fetched, ${confirmed.length} confirmed`,
	);
	e2eLog(`confirm output: ${JSON.stringify(confirmed[0]).slice(0, 300)}`);
});

test('one Maskinporten grant serves ten items in each of three executions', async () => {
	const before = altinn.stats.maskinportenGrants(serviceOwnerClient.clientId);
	const searchesBefore = altinn.stats.requests('/dialogporten/api/v1/serviceowner/dialogs');
	const timings: number[] = [];
	for (let i = 0; i < 3; i++) {
		const started = Date.now();
		const run = await ctx.n8n.executeOk(workflows.manyItems.id);
		timings.push(Date.now() - started);
		expect(nodeItems(run, 'Search').length).toBe(10);
	}
	expect(altinn.stats.requests('/dialogporten/api/v1/serviceowner/dialogs') - searchesBefore).toBe(
		30,
	);
	expect(altinn.stats.maskinportenGrants(serviceOwnerClient.clientId) - before).toBe(1);
	e2eLog(
		`3 executions × 10 items: 30 searches, 1 grant; n8n execute took ${timings.map((t) => `${(t / 1000).toFixed(1)} s`).join(', ')}`,
	);
});

test('a token near its expiry is replaced by a new grant between executions', async () => {
	// A second stand-in whose tokens live 30 s: the credential stops using them 10 s before they
	// expire. It runs only during this test (stand-ins started together in one process share their
	// seed dialogs' action URLs).
	const shortLivedAltinn = audit.watch(
		await startAltinnLocal({ port: 0, quiet: true, tokenLifetimeSeconds: { maskinporten: 30 } }),
	);
	try {
		await ctx.n8n.importCredentials([
			{
				...SHORT_LIVED,
				type: 'maskinportenApi',
				data: maskinportenCredential(shortLivedAltinn, 'serviceOwner'),
			},
		]);
		await refreshesBetweenExecutions(shortLivedAltinn);
	} finally {
		await shortLivedAltinn.stop();
	}
});

async function refreshesBetweenExecutions(shortLivedAltinn: AltinnLocal): Promise<void> {
	const grants = () => shortLivedAltinn.stats.maskinportenGrants(serviceOwnerClient.clientId);
	await ctx.n8n.executeOk(workflows.shortLived.id);
	// The grant happened during that execution, so before this moment.
	const grantedBy = Date.now();
	expect(grants()).toBe(1);
	await ctx.n8n.executeOk(workflows.shortLived.id);
	// Still inside the token's 20 usable seconds: the stored token is reused.
	if (Date.now() - grantedBy < 12_000) expect(grants()).toBe(1);
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, grantedBy + 21_000 - Date.now())));
	const run = await ctx.n8n.executeOk(workflows.shortLived.id);
	expect(nodeItems(run, 'Search').length).toBe(1);
	expect(grants()).toBe(2);
}

test('an Altinn error fails the execution with the problem details and no secret', async () => {
	const result = await ctx.n8n.execute(workflows.notFound.id);
	expect(result.code).not.toBe(0);
	const error = result.run?.data.resultData.error;
	expect(error?.node?.name).toBe('Get');
	const shown = `${error?.message ?? ''} ${error?.description ?? ''}`;
	expect(shown).toMatch(/not found|404/i);
	const everything = result.stdout + result.stderr;
	expect(everything).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./); // no JWT (token or grant assertion)
	const key = JSON.parse(maskinportenCredential(altinn, 'systemUser').privateJwk as string) as {
		d: string;
	};
	expect(everything).not.toContain(key.d);
	e2eLog(`error shown by n8n: ${shown.trim().slice(0, 200)}`);
});

test('the credential token goes to a host a dialog names only when the user trusts it', async () => {
	const refused = await ctx.n8n.execute(workflows.untrustedHost.id);
	const host = new URL(elsewhereUrl).host;
	expect(refused.code).not.toBe(0);
	const error = refused.run?.data.resultData.error;
	expect(error?.node?.name).toBe('Execute');
	expect(error?.message).toBe(
		`The credential token is not sent to ${host}: it is not an allowed host`,
	);
	expect(error?.description).toMatch(/add it to "Trusted Hosts"/);
	expect(elsewhere.received).toEqual([]);

	const run = await ctx.n8n.executeOk(workflows.trustedHost.id);
	expect(nodeItems(run, 'Execute')).toEqual([expect.objectContaining({ ok: true })]);
	expect(elsewhere.received.map((r) => r.headers.authorization?.slice(0, 10))).toEqual([
		'Bearer eyJ',
	]);
	e2eLog(`untrusted host refused: ${error?.message}`);
});

describe('Return All says how it ended', () => {
	test('endless new continuation tokens: an error at the cap, saying how many items were read', async () => {
		paging.reset('endless');
		const result = await ctx.n8n.execute(workflows.returnAllCapError.id);
		expect(result.code).not.toBe(0);
		const error = result.run?.data.resultData.error;
		expect(error?.node?.name).toBe('Search');
		expect(error?.message).toBe(
			'Return All reached its cap of 5 items, and Dialogporten still has more',
		);
		expect(error?.description).toMatch(/^5 items were read in 3 pages; nothing is output\./);
		expect(paging.pages).toBe(3);
	});

	test('endless new continuation tokens, output chosen: the items up to the cap and a warning', async () => {
		paging.reset('endless');
		const run = await ctx.n8n.executeOk(workflows.returnAllCapOutput.id);
		const ids = nodeItems(run, 'Search').map((item) => item.id);
		expect(ids).toHaveLength(5);
		expect(new Set(ids).size).toBe(5);
		expect(run.data.resultData.runData.Search[0].hints).toEqual([
			expect.objectContaining({
				message:
					'Return All stopped at its cap of 5 items: Dialogporten has more. Raise "Return All Cap" or narrow the search to get the rest.',
				type: 'warning',
			}),
		]);
	});

	test('a repeated continuation token: an error instead of pages output twice', async () => {
		paging.reset('repeatedToken');
		const result = await ctx.n8n.execute(workflows.returnAllCapError.id);
		const error = result.run?.data.resultData.error;
		expect(error?.message).toBe(
			'Dialogporten repeated a continuation token (page 3 would be a page read before)',
		);
		expect(error?.description).toBe(
			'Return All stops instead of reading the same pages again. 4 items were read in 2 pages; nothing is output.',
		);
		expect(result.run?.data.resultData.runData.Search?.[0]?.data).toBeUndefined();
	});
});

describe("n8n's credential test (n8n start)", () => {
	// n8n keeps running for the output audit below; the file's afterAll stops it.
	beforeAll(async () => {
		await ctx.n8n.start();
		await ctx.n8n.setupOwner(OWNER);
	}, 120_000);

	// The editor tests a saved credential by its id, sending the form's values along; secret fields
	// it did not change (the stored token among them) come back blanked and n8n restores them.
	const testCredential = (
		credential: { id: string; name: string },
		data: Record<string, unknown>,
	) =>
		ctx.n8n.rest<{ status: string; message: string }>('POST', 'credentials/test', {
			credentials: { ...credential, type: 'maskinportenApi', data },
		});

	test('a system user: a new grant, then the parties it may act for, named in the message', async () => {
		const before = altinn.stats.maskinportenGrants(systemUserClient.clientId);
		const parties = altinn.stats.operations('V1EndUserAccessManagementQueriesGetParties_Parties');
		const result = await testCredential(SYSTEM_USER, maskinportenCredential(altinn, 'systemUser'));
		expect(result).toEqual({
			status: 'OK',
			message:
				'Proven with a new token from these settings: Maskinporten token and the Dialogporten end-user API (1 party)',
		});
		expect(altinn.stats.maskinportenGrants(systemUserClient.clientId)).toBe(before + 1);
		expect(
			altinn.stats.operations('V1EndUserAccessManagementQueriesGetParties_Parties') - parties,
		).toBe(1);
		e2eLog(`credential test of a system user: ${result.message}`);
	});

	test('a service owner: a new grant and exchange, then a service-owner search', async () => {
		const searches = altinn.stats.operations('V1ServiceOwnerDialogsQueriesSearch_Dialog');
		const exchanges = altinn.stats.exchanges('maskinporten');
		const result = await testCredential(
			SERVICE_OWNER,
			maskinportenCredential(altinn, 'serviceOwner', { exchangeToAltinn: true }),
		);
		expect(result).toEqual({
			status: 'OK',
			message:
				'Proven with a new token from these settings: Maskinporten token, Altinn token exchange and the Dialogporten service-owner search',
		});
		expect(altinn.stats.operations('V1ServiceOwnerDialogsQueriesSearch_Dialog') - searches).toBe(1);
		expect(altinn.stats.exchanges('maskinporten') - exchanges).toBe(1);
	});

	test('after the credential has been used, a rotated key that is not registered fails at the grant', async () => {
		// A run stores a token in the credential (n8n keeps it until an API refuses it).
		await ctx.n8n.executeOk(workflows.keyRotation.id);
		const saved = await ctx.n8n.rest<{ data: Record<string, unknown> }>(
			'GET',
			`credentials/${KEY_ROTATION.id}?includeData=true`,
		);
		expect(saved.data.accessToken).toBe(CREDENTIAL_BLANKING_VALUE); // a token is stored
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const rotatedKey = { ...privateKey.export({ format: 'jwk' }), kid: 'rotated-not-registered' };
		const grantsBefore = altinn.stats.maskinportenGrants(systemUserClient.clientId);
		const result = await testCredential(KEY_ROTATION, {
			...maskinportenCredential(altinn, 'systemUser', { privateJwk: JSON.stringify(rotatedKey) }),
			accessToken: CREDENTIAL_BLANKING_VALUE,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Step 1 of 2 \(Maskinporten token\) failed: Maskinporten refused the token request \(HTTP 400\): invalid_grant: .*kid/i,
		);
		expect(result.message).toMatch(/upload the public JWK/);
		expect(altinn.stats.maskinportenGrants(systemUserClient.clientId)).toBe(grantsBefore);
		e2eLog(`credential test after key rotation: ${result.message}`);
	});

	test('a client ID Maskinporten does not know fails with its error code, showing no key', async () => {
		const data = maskinportenCredential(altinn, 'systemUser', {
			clientId: 'not-a-registered-client',
		});
		const result = await testCredential(UNKNOWN_CLIENT, data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Step 1 of 2 \(Maskinporten token\) failed: .*MP-100/);
		expect(result.message).not.toContain(
			(JSON.parse(data.privateJwk as string) as { d: string }).d,
		);
		expect(result.message).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./);
		e2eLog(`credential test of an unknown client: ${result.message}`);
	});

	test('a token Maskinporten grants but Dialogporten refuses fails at the API, in its words', async () => {
		const result = await testCredential(
			SYSTEM_USER,
			maskinportenCredential(altinn, 'systemUser', { grantType: 'client' }),
		);
		expect(result).toEqual({
			status: 'Error',
			message:
				'Step 2 of 2 (the Dialogporten end-user API) failed: the Dialogporten end-user API refused the token (HTTP 403). The end-user API acts for a system user or a person: choose Grant Type System User (a plain client token is refused).',
		});
	});
});

auditOutputs(audit, () => [ctx?.n8n]);
