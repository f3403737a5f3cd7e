/**
 * The compatibility smoke tests: the built package in every other n8n release with a committed host
 * (`test/e2e/n8n-hosts/<version>/`: the oldest release on which every feature works, and the newest
 * of the maintained 1.x line). The whole suite runs on the newest release; here each older one
 * proves the package loads with its icons, the Maskinporten credential test, the end-user flow from
 * parties to a confirmed API action, a service owner's create → patch (example 3), the Events
 * trigger's activation, handshake and one delivery (example 4), and ID-porten through n8n's own
 * OAuth2 flow with a refresh.
 *
 * ID-porten scopes: n8n releases before 2.20 connect a community OAuth2 credential with the type's
 * default scope instead of the Scope entered. There the package refuses the token with an error
 * naming the scopes it lacks, and ID-porten with the default scope still works.
 */
import { startAltinnLocal, type AltinnLocal } from '../../altinn-local';
import { CLOCK_SKEW_SECONDS } from '../../altinn-local/tokens';
import {
	organizations,
	orgUrn,
	persons,
	resources,
	systemUserClient,
} from '../../altinn-local/fixtures';
import {
	DEFAULT_N8N_VERSION,
	compareVersions,
	hostVersions,
	packPackage,
	prepareN8n,
	type N8nInstance,
	type PackedPackage,
	type PreparedN8n,
} from './harness';
import { EXAMPLE_CREDENTIALS, exampleCredentials, loadExample } from './harness/demo-setup';
import { N8N_KEEPS_CUSTOM_OAUTH2_SCOPE_SINCE } from '../../nodes/Dialogporten/auth/idporten';
import { ID_PORTEN_SCOPES, maskinportenCredential } from '../support/credentials';
import { OWNER, e2eLog, sleep, waitUntil } from './support/harness';
import {
	claimsOf,
	connectAccount,
	idPortenForm,
	latestIdPortenAccessToken,
	oauthCallbackUrl,
	partiesThenSearch,
} from './support/idporten';
import {
	PublicApi,
	credentialState,
	emittedBy,
	runWebhook,
	saveCredentialInEditor,
	webhookWorkflow,
	type SavedCredential,
} from './support/n8n-api';
import { OutputAudit, auditOutputs } from './support/output-audit';
import {
	declaredCredentialTypes,
	declaredNodeTypes,
	expectIconsServed,
	loadedTypes,
	packageTypes,
} from './support/package-types';
import {
	expectPartiesToConfirm,
	expectServiceOwnerExample,
	partiesSearchGetConfirm,
} from './support/workflows';

jest.setTimeout(240_000);

/** ID-porten access tokens of the short-lived stand-in live this long. */
const SHORT_ID_PORTEN_SECONDS = 10;
const DEFAULT_ID_PORTEN_SCOPE = 'openid digdir:dialogporten';

/** Every release with a committed host but the newest, which runs the whole suite. */
const releases = hostVersions().filter((version) => version !== DEFAULT_N8N_VERSION);

const audit = new OutputAudit();
const instances: N8nInstance[] = [];
let packed: PackedPackage;

beforeAll(async () => {
	e2eLog(`compatibility smoke tests on n8n ${releases.join(', ')}`);
	packed = await packPackage();
});

afterAll(async () => {
	for (const n8n of instances) await n8n.dispose();
});

test('covers the newest 1.x release and an older 2.x release', () => {
	expect(releases.some((version) => version.startsWith('1.'))).toBe(true);
	expect(releases.some((version) => version.startsWith('2.'))).toBe(true);
});

describe.each(releases)('n8n %s', (version) => {
	const keepsScope = compareVersions(version, N8N_KEEPS_CUSTOM_OAUTH2_SCOPE_SINCE) >= 0;
	const seedDeck = partiesSearchGetConfirm('compatSeedDeck01', EXAMPLE_CREDENTIALS.systemUser);
	const serviceOwnerExample = loadExample('3-').workflow;
	const eventDrivenExample = loadExample('4-').workflow;
	let altinn: AltinnLocal;
	let shortLived: AltinnLocal;
	let ctx: PreparedN8n;
	let api: PublicApi;

	beforeAll(async () => {
		// Events' modelled delays (handshake retries, subscription cache) at 1/50.
		altinn = audit.watch(await startAltinnLocal({ port: 0, quiet: true, timeScale: 0.02 }));
		shortLived = audit.watch(
			await startAltinnLocal({
				port: 0,
				quiet: true,
				tokenLifetimeSeconds: { idporten: SHORT_ID_PORTEN_SECONDS },
			}),
		);
		// The browser-binding cookie makes n8n's callback accept only the browser that started the flow.
		ctx = await prepareN8n({
			log: e2eLog,
			n8nVersion: version,
			packed,
			env: { N8N_OAUTH_BROWSER_BINDING: 'true' },
		});
		instances.push(ctx.n8n);
		await ctx.n8n.importCredentials(exampleCredentials(altinn));
		await ctx.n8n.importWorkflows([seedDeck, serviceOwnerExample, eventDrivenExample]);
	}, 40 * 60_000);

	afterAll(async () => {
		// n8n keeps its user folder for the output audit at the end of the file.
		await ctx?.n8n.stop();
		await altinn?.stop();
		await shortLived?.stop();
	});

	test(`n8n --version answers ${version}`, async () => {
		const answered = await ctx.n8n.version();
		e2eLog(`n8n --version: ${answered} (Node ${ctx.host.nodeVersion}, ${ctx.host.dir})`);
		expect(answered).toBe(version);
	});

	test('parties → search → get → the "confirm" API action, as a system user (n8n execute)', async () => {
		const confirmsBefore = altinn.stats.requests('/platform/correspondence');
		const run = await ctx.n8n.executeOk(seedDeck.id);
		const { found, confirmed } = expectPartiesToConfirm(run, altinn, confirmsBefore);
		e2eLog(
			`n8n ${version}: ${found.length} dialogs found and fetched, ${confirmed.length} confirmed`,
		);
	});

	test('example 3, Service owner: create → transmission → patch to Completed → get (n8n execute)', async () => {
		const run = await ctx.n8n.executeOk(serviceOwnerExample.id);
		const dialogId = expectServiceOwnerExample(run, altinn);
		e2eLog(`n8n ${version}: example 3 created ${dialogId} and patched it to Completed`);
	});

	describe('n8n start', () => {
		beforeAll(async () => {
			await ctx.n8n.start();
			await ctx.n8n.setupOwner(OWNER);
			api = new PublicApi(ctx.n8n, await ctx.n8n.createApiKey('compat-e2e'));
			for (const local of [altinn, shortLived])
				local.idporten.addRedirectUri(oauthCallbackUrl(ctx.n8n));
		}, 180_000);

		test('loads every node and credential of the package and serves their SVG icons', async () => {
			const loaded = await loadedTypes(ctx.n8n);
			const types = packageTypes(loaded);
			const names = types.map((t) => t.name);
			for (const name of [...declaredNodeTypes(), ...declaredCredentialTypes()])
				expect(names).toContain(name);
			await expectIconsServed(ctx.n8n, types);
			e2eLog(`n8n ${version}: loaded ${names.join(', ')}`);
		});

		test("the Maskinporten credential's test gets a token from Maskinporten", async () => {
			const grants = () => altinn.stats.maskinportenGrants(systemUserClient.clientId);
			const before = grants();
			const result = await ctx.n8n.rest<{ status: string; message: string }>(
				'POST',
				'credentials/test',
				{
					credentials: {
						...EXAMPLE_CREDENTIALS.systemUser,
						type: 'maskinportenApi',
						data: maskinportenCredential(altinn, 'systemUser'),
					},
				},
			);
			expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
			expect(grants()).toBe(before + 1);
		});

		test('example 4, Events: activation subscribes, the handshake validates, a new dialog runs it once', async () => {
			const workflowId = eventDrivenExample.id;
			await api.setActive(workflowId, true);
			const subscriptions = await altinn.events.waitFor(() => {
				const ours = altinn.events
					.subscriptions()
					.filter((s) => s.endPoint.startsWith(`${ctx.n8n.baseUrl}/webhook/`));
				return ours.length === 2 && ours.every((s) => s.validated) && ours;
			}, 20_000);
			for (const subscription of subscriptions)
				audit.addSecret(
					`the secret of the Altinn Events subscription for ${subscription.typeFilter} (n8n ${version})`,
					new URL(subscription.endPoint).searchParams.get('secret') ?? '',
				);
			expect((await api.executions(workflowId)).length).toBe(0);

			altinn.events.flushSubscriptionCache();
			const dialogId = await altinn.dialogs.create({
				serviceResource: resources.demo.urn,
				party: orgUrn(organizations.bakery.orgNumber),
				status: 'InProgress',
				isApiOnly: false,
				content: {
					title: {
						mediaType: 'text/plain',
						value: [{ languageCode: 'en', value: 'Case from an event' }],
					},
				},
			});
			const execution = await api.nthExecution(workflowId, 1);
			expect(emittedBy(execution, 'Follow up')).toEqual([
				expect.objectContaining({ dialogId, event: 'dialogporten.dialog.created.v1' }),
			]);
			await sleep(1500);
			expect(await api.executions(workflowId)).toHaveLength(1);
			await api.setActive(workflowId, false);
			e2eLog(`n8n ${version}: 2 subscriptions validated, 1 event delivered → 1 execution`);
		});

		/** Connects a new ID-porten credential on the short-lived stand-in as Ola. */
		async function connectedIdPorten(name: string, scope: string, exchangeToAltinnToken: boolean) {
			const credential = await saveCredentialInEditor(
				ctx.n8n,
				name,
				'idPortenOAuth2Api',
				idPortenForm(shortLived, { scope, exchangeToAltinn: exchangeToAltinnToken }),
			);
			const consent = await connectAccount(ctx.n8n, shortLived, credential, persons.ola.pid);
			expect(consent.callbackStatus).toBe(200);
			expect(await credentialState(ctx.n8n, credential.id)).toMatchObject({
				oauthTokenData: true,
			});
			return { credential, consent };
		}

		/**
		 * Runs the parties → search workflow of `credential` once, then again once its ID-porten token
		 * has expired; returns how many refreshes the second run cost and the scope of the token it
		 * ended with.
		 */
		async function runAndRefresh(credential: SavedCredential, path: string) {
			const workflowId = await api.activateWebhookWorkflow(
				webhookWorkflow(`ID-porten: ${path}`, path, partiesThenSearch(credential)),
				path,
			);
			const run = async () => {
				try {
					return await runWebhook(ctx.n8n, path);
				} catch (error) {
					const [last] = (await api.executions(workflowId)).slice(-1);
					const reason = last?.data?.resultData.error;
					throw new Error(
						`${(error as Error).message}; the execution failed with ${JSON.stringify({ message: reason?.message, description: reason?.description })}`,
					);
				}
			};
			expect((await run()).length).toBeGreaterThan(0);
			const { exp } = claimsOf(latestIdPortenAccessToken(shortLived).token);
			// Dialogporten, like Altinn's, refuses a token once its exp is past its clock skew.
			await waitUntil(
				'the ID-porten access token to expire',
				async () => Date.now() >= (exp + CLOCK_SKEW_SECONDS.dialogporten) * 1000 + 200,
				(SHORT_ID_PORTEN_SECONDS + CLOCK_SKEW_SECONDS.dialogporten + 5) * 1000,
			);
			const refreshesBefore = shortLived.stats.idportenTokens('refresh_token');
			expect((await run()).length).toBeGreaterThan(0);
			return {
				refreshes: shortLived.stats.idportenTokens('refresh_token') - refreshesBefore,
				scope: claimsOf(latestIdPortenAccessToken(shortLived).token).scope ?? '',
			};
		}

		if (keepsScope) {
			test("ID-porten through n8n's OAuth2 flow with the Altinn exchange; the refresh keeps the scopes", async () => {
				const { credential, consent } = await connectedIdPorten(
					'ID-porten with Altinn exchange',
					ID_PORTEN_SCOPES,
					true,
				);
				expect(consent.authorizeUrl.searchParams.get('scope')).toBe(ID_PORTEN_SCOPES);
				const exchanges = shortLived.stats.exchanges('id-porten');
				const refreshed = await runAndRefresh(credential, 'compat-idporten');
				// With the exchange on, the package renews a token this short-lived ahead of its expiry.
				expect(refreshed.refreshes).toBeGreaterThanOrEqual(1);
				expect(refreshed.scope.split(' ').sort()).toEqual(ID_PORTEN_SCOPES.split(' ').sort());
				// Altinn exchanged the refreshed token, which it does only for a token with an altinn: scope.
				expect(shortLived.stats.exchanges('id-porten') - exchanges).toBeGreaterThanOrEqual(2);
				e2eLog(
					`n8n ${version}: ID-porten connected, ${refreshed.refreshes} refresh(es), scopes kept: ${refreshed.scope}`,
				);
			});
		} else {
			test(`ID-porten: n8n before ${N8N_KEEPS_CUSTOM_OAUTH2_SCOPE_SINCE} asks for the default scope; the package names the missing scopes`, async () => {
				const { credential, consent } = await connectedIdPorten(
					'ID-porten with Altinn exchange',
					ID_PORTEN_SCOPES,
					true,
				);
				// This n8n replaced the Scope entered with the credential type's default.
				expect(consent.authorizeUrl.searchParams.get('scope')).toBe(DEFAULT_ID_PORTEN_SCOPE);
				const path = 'compat-idporten-missing-scope';
				const workflowId = await api.activateWebhookWorkflow(
					webhookWorkflow('ID-porten: missing scope', path, partiesThenSearch(credential)),
					path,
				);
				const requests = shortLived.stats.requests('/dialogporten/api/v1/enduser');
				const exchanges = shortLived.stats.exchanges('id-porten');
				await expect(runWebhook(ctx.n8n, path)).rejects.toThrow();
				const failed = await api.nthExecution(workflowId, 1);
				const error = failed.data?.resultData.error;
				expect(error?.message).toBe(
					'The ID-porten token lacks scope the credential asks for: altinn:portal/enduser',
				);
				expect(error?.description).toContain(
					`upgrade n8n to ${N8N_KEEPS_CUSTOM_OAUTH2_SCOPE_SINCE} or later and reconnect the credential`,
				);
				// Refused before anything was sent to Altinn.
				expect(shortLived.stats.requests('/dialogporten/api/v1/enduser')).toBe(requests);
				expect(shortLived.stats.exchanges('id-porten')).toBe(exchanges);
				e2eLog(`n8n ${version}: "${error?.message}"`);
			});

			test("ID-porten with the default scope: connected through n8n's OAuth2 flow and refreshed", async () => {
				const { credential, consent } = await connectedIdPorten(
					'ID-porten, default scope',
					DEFAULT_ID_PORTEN_SCOPE,
					false,
				);
				expect(consent.authorizeUrl.searchParams.get('scope')).toBe(DEFAULT_ID_PORTEN_SCOPE);
				const refreshed = await runAndRefresh(credential, 'compat-idporten-default');
				expect(refreshed.refreshes).toBe(1);
				expect(refreshed.scope.split(' ').sort()).toEqual(
					DEFAULT_ID_PORTEN_SCOPE.split(' ').sort(),
				);
				e2eLog(`n8n ${version}: ID-porten (default scope) connected and refreshed`);
			});
		}
	});
});

auditOutputs(audit, () => instances);
