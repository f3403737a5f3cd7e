/**
 * The example workflows of `examples/` as a user gets them: imported into a real n8n with this
 * package installed, wired to credentials that point at the local Altinn stand-in, run headless,
 * and opened in the editor in headless Chromium for the README's pictures.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startAltinnLocal, type AltinnLocal } from '../../altinn-local';
import { organizations, systemUserClient } from '../../altinn-local/fixtures';
import { nodeItems, prepareN8n, repoRoot, type PreparedN8n } from './harness';
import {
	launchEditorBrowser,
	loginInBrowser,
	openWorkflow,
	type EditorBrowser,
} from './harness/browser';
import { exampleCredentials, loadExample, loadExamples } from './harness/demo-setup';
import { idPortenCredential } from '../support/credentials';
import { OWNER, e2eLog, sleep, waitUntil } from './support/harness';
import { OutputAudit, auditOutputs } from './support/output-audit';
import { expectServiceOwnerExample } from './support/workflows';
import { startScriptedChatModel } from './support/scripted-chat-model';
import { eventTypeOptions } from '../../nodes/Dialogporten/events/eventTypes';

jest.setTimeout(180_000);

let altinn: AltinnLocal;
let ctx: PreparedN8n;
const audit = new OutputAudit();

const inboxDigest = loadExample('1-');
const readAndConfirm = loadExample('2-');
const serviceOwner = loadExample('3-');
const eventDriven = loadExample('4-');
const aiAgent = loadExample('5-');
const anyAltinnApi = loadExample('6-');

const EDITOR_CHECK_ID = 'dpEditorCheck01';
const ID_PORTEN_CHECK = { id: 'dpEditorIdPorten', name: 'ID-porten person (local Altinn)' };
const systemUserCredential = {
	maskinportenApi: { id: 'dpExampleSysUser', name: 'Maskinporten system user (local Altinn)' },
};

/** A workflow for looking at the node's panels as a person does (never run). */
function editorCheckWorkflow(dialogId: string) {
	const node = (name: string, x: number, parameters: Record<string, unknown>) => ({
		id: `check-${x}`,
		name,
		type: 'n8n-nodes-dialogporten.dialogporten',
		typeVersion: 2,
		position: [x, 0],
		parameters,
		credentials: systemUserCredential,
	});
	return {
		id: EDITOR_CHECK_ID,
		name: 'Editor check',
		active: false,
		settings: {},
		connections: {},
		nodes: [
			node('No dialog chosen', 0, {
				authentication: 'maskinportenApi',
				resource: 'action',
				operation: 'execute',
				dialogId: { __rl: true, mode: 'list', value: '' },
			}),
			node('Dialog chosen', 300, {
				authentication: 'maskinportenApi',
				resource: 'action',
				operation: 'execute',
				dialogId: { __rl: true, mode: 'id', value: dialogId },
				actionId: 'confirm',
			}),
			{
				...node('ID-porten as service owner', 600, {
					authentication: 'idPortenOAuth2Api',
					resource: 'dialog',
					operation: 'purge',
					dialogId: { __rl: true, mode: 'id', value: dialogId },
				}),
				credentials: { idPortenOAuth2Api: ID_PORTEN_CHECK },
			},
		],
	};
}

beforeAll(async () => {
	// Events' modelled delays (handshake retries, subscription cache) at 1/50.
	altinn = audit.watch(await startAltinnLocal({ port: 0, quiet: true, timeScale: 0.02 }));
	ctx = await prepareN8n({ log: e2eLog });
	await ctx.n8n.importCredentials([
		...exampleCredentials(altinn),
		{ ...ID_PORTEN_CHECK, type: 'idPortenOAuth2Api', data: idPortenCredential(altinn) },
	]);
	const [checkDialog] = altinn.dialogs.idsForParty(
		`urn:altinn:organization:identifier-no:${organizations.bakery.orgNumber}`,
	);
	await ctx.n8n.importWorkflows([
		...loadExamples().map((e) => e.workflow),
		editorCheckWorkflow(checkDialog),
	] as Parameters<typeof ctx.n8n.importWorkflows>[0]);
}, 30 * 60_000);

afterAll(async () => {
	await ctx?.n8n.dispose();
	await altinn?.stop();
});

let violationsBefore = 0;
beforeEach(() => {
	violationsBefore = altinn.specViolations.length;
});
afterEach(() => {
	expect(altinn.specViolations.slice(violationsBefore)).toEqual([]);
});

test('every example uses only installed node types and names credentials the examples ship with', () => {
	for (const { file, workflow } of loadExamples()) {
		expect({ file, id: workflow.id }).toEqual({ file, id: expect.stringMatching(/^dpEx\w+$/) });
		for (const node of workflow.nodes) {
			expect({ file, node: node.name, type: node.type }).toEqual({
				file,
				node: node.name,
				type: expect.stringMatching(
					/^(n8n-nodes-base|n8n-nodes-dialogporten|@n8n\/n8n-nodes-langchain)\./,
				),
			});
		}
	}
});

let createdDialogId = '';

test('example 3, Service owner: creates a dialog, adds a transmission, marks it completed', async () => {
	const run = await ctx.n8n.executeOk(serviceOwner.workflow.id);
	createdDialogId = expectServiceOwnerExample(run, altinn);
	e2eLog(`example 3: created ${createdDialogId}, 1 transmission, status Completed`);
});

test('example 1, Inbox digest: the parties, and their dialogs with new content since yesterday', async () => {
	const since = Date.now() - 24 * 3600 * 1000;
	const run = await ctx.n8n.executeOk(inboxDigest.workflow.id);
	const parties = nodeItems(run, 'Get parties');
	expect(parties.map((p) => p.name)).toEqual([organizations.bakery.name]);

	const lines = nodeItems(run, 'Digest line');
	expect(lines.length).toBeGreaterThan(0);
	for (const line of lines) {
		expect(Object.keys(line).sort()).toEqual([
			'dialogId',
			'party',
			'sender',
			'status',
			'title',
			'updatedAt',
		]);
		expect(line.party).toBe(organizations.bakery.name);
		expect(Date.parse(String(line.updatedAt))).toBeGreaterThan(since - 60_000);
	}
	// The dialog example 3 created (and so updated) today is in the digest.
	expect(lines.map((l) => l.dialogId)).toContain(createdDialogId);
	e2eLog(
		`example 1: ${parties.length} party, ${lines.length} dialog(s) with new content since yesterday`,
	);
});

test('example 2, Read and confirm: unread dialogs opened, content fetched and confirmed through their API actions', async () => {
	const run = await ctx.n8n.executeOk(readAndConfirm.workflow.id);
	const unread = nodeItems(run, 'Unread dialogs');
	expect(unread.length).toBeGreaterThan(0);
	expect(unread.length).toBeLessThanOrEqual(3);
	const results = nodeItems(run, 'Result');
	expect(results.map((r) => r.dialogId)).toEqual(unread.map((d) => d.id));
	for (const result of results) {
		const stored = altinn.dialogs.get(String(result.dialogId));
		expect(stored?.details.activities.map((a) => a.type)).toContain('CorrespondenceConfirmed');
		expect(JSON.stringify(result.content)).toContain(String(result.dialogId));
		expect(JSON.stringify(result.confirmation)).toContain('Confirmed');
	}
	// Opening them marked them as seen: a second run picks other dialogs.
	const again = await ctx.n8n.executeOk(readAndConfirm.workflow.id);
	const secondIds = nodeItems(again, 'Unread dialogs').map((d) => d.id);
	for (const id of unread.map((d) => d.id)) expect(secondIds).not.toContain(id);
	e2eLog(`example 2: ${unread.length} unread dialog(s) opened, content fetched, confirmed`);
});

test('example 5, AI agent tool: the agent calls the Dialogporten node as a tool and answers from its result', async () => {
	// n8n's AI Agent with an OpenAI-compatible chat model; the model here is a scripted one on
	// 127.0.0.1, so everything but the model's wording is real: the agent, the tool, the stand-in.
	const model = await startScriptedChatModel(/unread/i);
	try {
		await ctx.n8n.importCredentials([
			{
				id: 'dpExampleChatModel',
				name: 'OpenAI-compatible chat model',
				type: 'openAiApi',
				data: { apiKey: 'local-scripted-model', url: model.url },
			},
		]);
		const searchesBefore = altinn.stats.requests('/dialogporten/api/v1/enduser/dialogs');
		const run = await ctx.n8n.executeOk(aiAgent.workflow.id);

		const offered = model.requests[0]?.tools?.map((t) => t.function.name) ?? [];
		expect(offered).toEqual([expect.stringMatching(/unread/i)]);
		expect(model.requests).toHaveLength(2);
		const toolResult = model.requests[1].messages.find((m) => m.role === 'tool');
		expect(toolResult).toBeDefined();
		expect(altinn.stats.requests('/dialogporten/api/v1/enduser/dialogs') - searchesBefore).toBe(1);

		const [answer] = nodeItems(run, 'Inbox assistant');
		expect(answer.output).toBe(model.answers[0]);
		expect(String(answer.output)).toMatch(/^You have [1-5] unread dialogs?: .+\.$/);
		e2eLog(`example 5: the agent called "${offered[0]}" and answered: ${answer.output}`);
	} finally {
		await model.stop();
	}
});

test("example 6, Any Altinn API: n8n's HTTP Request node reads each message the Dialogporten node found, with the Maskinporten credential's Altinn token", async () => {
	const grants = () => altinn.stats.maskinportenGrants(systemUserClient.clientId);
	const exchanges = () => altinn.stats.exchanges('maskinporten');
	const reads = () => altinn.stats.requests('/platform/correspondence/api/v1/correspondence/');
	const before = { grants: grants(), exchanges: exchanges(), reads: reads() };
	const run = await ctx.n8n.executeOk(anyAltinnApi.workflow.id);
	const found = nodeItems(run, 'Find messages');
	expect(found.length).toBeLessThanOrEqual(3);
	// Dialogs without a message API (such as the one example 3 created) are left out.
	const withMessageApi = nodeItems(run, 'Has a message API');
	expect(withMessageApi.length).toBeGreaterThan(0);
	for (const dialog of found)
		expect(withMessageApi.some((d) => d.id === dialog.id)).toBe(
			(altinn.dialogs.get(String(dialog.id))?.details.apiActions.length ?? 0) > 0,
		);
	const messages = nodeItems(run, 'Message');
	expect(messages.map((m) => m.dialogId)).toEqual(withMessageApi.map((d) => d.id));
	for (const message of messages) {
		const stored = altinn.dialogs.get(String(message.dialogId));
		expect(stored?.serviceResource).toBe('urn:altinn:resource:ttd-meldingstjeneste');
		expect(message).toMatchObject({
			sender: 'ttd',
			status: expect.stringMatching(/^(Published|Confirmed)$/),
			message: {
				correspondenceId: message.dialogId,
				recipient: stored?.party,
				resourceId: 'urn:altinn:resource:ttd-meldingstjeneste',
			},
		});
		expect(String(message.title)).toMatch(/no\. \d+$/);
	}
	// One Maskinporten grant and one exchange served both nodes; each message was read once.
	expect({
		grants: grants() - before.grants,
		exchanges: exchanges() - before.exchanges,
		reads: reads() - before.reads,
	}).toEqual({ grants: 1, exchanges: 1, reads: messages.length });
	// A second run (another n8n process) reuses the token the credential stored.
	const again = await ctx.n8n.executeOk(anyAltinnApi.workflow.id);
	expect(nodeItems(again, 'Message')).toHaveLength(messages.length);
	expect({ grants: grants() - before.grants, exchanges: exchanges() - before.exchanges }).toEqual({
		grants: 1,
		exchanges: 1,
	});
	e2eLog(
		`example 6: ${messages.length} message(s) read by the HTTP Request node; 1 grant, 1 exchange for 2 runs`,
	);
});

describe('with n8n running (n8n start)', () => {
	let apiKey: string;

	beforeAll(async () => {
		await ctx.n8n.start();
		await ctx.n8n.setupOwner(OWNER);
		apiKey = await ctx.n8n.createApiKey('examples-e2e');
	}, 180_000);
	// n8n keeps running for the output audit below; the file's afterAll stops it.

	test('example 4, Event-driven: activation subscribes; a new dialog and its completion each run the matching branch once', async () => {
		const workflowId = eventDriven.workflow.id;
		const published = await ctx.n8n.publicApi(apiKey, 'POST', `workflows/${workflowId}/activate`);
		expect(published.status).toBe(200);
		// One subscription per event type (an Altinn subscription filters on one type), each validated by the handshake.
		const subscriptions = await altinn.events.waitFor(() => {
			const ours = altinn.events
				.subscriptions()
				.filter((s) => s.endPoint.startsWith(`${ctx.n8n.baseUrl}/webhook/`));
			return ours.length === 2 && ours.every((s) => s.validated) && ours;
		}, 20_000);
		expect(subscriptions.map((s) => s.typeFilter).sort()).toEqual([
			'dialogporten.dialog.created.v1',
			'dialogporten.dialog.updated.v1',
		]);
		for (const subscription of subscriptions) {
			expect(subscription.resourceFilter).toBe('urn:altinn:resource:ttd-dialogporten-demo');
			audit.addSecret(
				`the secret of the Altinn Events subscription for ${subscription.typeFilter}`,
				new URL(subscription.endPoint).searchParams.get('secret') ?? '',
			);
		}

		type Execution = {
			id: string;
			data?: {
				resultData: {
					runData: Record<
						string,
						Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>
					>;
				};
			};
		};
		const executions = async () => {
			const { body } = await ctx.n8n.publicApi<{ data: Execution[] }>(
				apiKey,
				'GET',
				`executions?workflowId=${workflowId}&includeData=true&limit=50`,
			);
			return body.data.sort((a, b) => Number(a.id) - Number(b.id));
		};
		const branch = (execution: Execution, node: string) =>
			execution.data?.resultData.runData[node]?.[0]?.data?.main?.[0]?.map((i) => i.json) ?? [];

		altinn.events.flushSubscriptionCache();
		const dialogId = await altinn.dialogs.create({
			serviceResource: 'urn:altinn:resource:ttd-dialogporten-demo',
			party: `urn:altinn:organization:identifier-no:${organizations.bakery.orgNumber}`,
			status: 'InProgress',
			isApiOnly: false,
			content: {
				title: {
					mediaType: 'text/plain',
					value: [{ languageCode: 'en', value: 'Case from an event' }],
				},
			},
		});
		const [opened] = await waitUntil('the execution for the new dialog', async () => {
			const list = await executions();
			return list.length >= 1 && list;
		});
		expect(branch(opened, 'Follow up')).toEqual([
			expect.objectContaining({
				outcome: 'follow up',
				dialogId,
				status: 'InProgress',
				event: 'dialogporten.dialog.created.v1',
			}),
		]);
		expect(branch(opened, 'Archive case')).toEqual([]);

		await altinn.dialogs.patch(dialogId, [{ op: 'replace', path: '/status', value: 'Completed' }]);
		const all = await waitUntil('the execution for the completed dialog', async () => {
			const list = await executions();
			return list.length >= 2 && list;
		});
		await sleep(1500);
		expect(await executions()).toHaveLength(2);
		expect(branch(all[1], 'Archive case')).toEqual([
			expect.objectContaining({
				outcome: 'archive',
				dialogId,
				status: 'Completed',
				event: 'dialogporten.dialog.updated.v1',
			}),
		]);

		const deactivated = await ctx.n8n.publicApi(
			apiKey,
			'POST',
			`workflows/${workflowId}/deactivate`,
		);
		expect(deactivated.status).toBe(200);
		await altinn.events.waitFor(
			() =>
				!altinn.events.subscriptions().some((s) => subscriptions.some((ours) => ours.id === s.id)),
			20_000,
		);
		e2eLog(
			'example 4: subscribed at activation, 2 events → 2 executions (follow up, then archive), unsubscribed at deactivation',
		);
	});

	describe('in the n8n editor (headless Chromium)', () => {
		// The README's pictures are refreshed on request (npm run screenshots); a normal run keeps its
		// screenshots out of the working tree.
		const imagesDir =
			process.env.DIALOGPORTEN_UPDATE_SCREENSHOTS === '1'
				? path.join(repoRoot, 'docs', 'images')
				: path.join(repoRoot, 'test-results', 'screenshots');
		let editor: EditorBrowser;

		beforeAll(async () => {
			mkdirSync(imagesDir, { recursive: true });
			editor = await launchEditorBrowser();
			await loginInBrowser(editor.page, ctx.n8n.baseUrl, OWNER.email, OWNER.password);
			// Leaving a workflow with unsaved changes asks first; leave it.
			editor.page.on('dialog', (dialog) => void dialog.accept());
		}, 180_000);

		afterAll(async () => {
			await editor?.close();
		});

		test.each(loadExamples().map((e) => [e.file, e] as const))(
			'%s shows all its nodes on the canvas',
			async (file, example) => {
				const page = editor.page;
				await openWorkflow(page, ctx.n8n.baseUrl, example.workflow.id);
				const onCanvas = (await page.locator('[data-test-id="canvas-node"]').allInnerTexts()).map(
					(t) => t.replace(/\s+/g, ' '),
				);
				for (const node of example.workflow.nodes.filter(
					(n) => n.type !== 'n8n-nodes-base.stickyNote',
				)) {
					expect(onCanvas.some((text) => text.includes(node.name))).toBe(true);
				}
				const image = path.join(imagesDir, `example-${file.replace(/\.json$/, '')}.png`);
				await page.screenshot({ path: image });
				e2eLog(`screenshot: ${path.relative(repoRoot, image)}`);
			},
		);

		test('the Dialogporten node opens with its parameters and lists its operations', async () => {
			const page = editor.page;
			await openWorkflow(page, ctx.n8n.baseUrl, inboxDigest.workflow.id);
			await page
				.locator('[data-test-id="canvas-node"]', {
					hasText: 'Dialogs with new content since yesterday',
				})
				.dblclick();
			const panel = page.locator('[data-test-id="node-parameters"]');
			await panel.waitFor({ state: 'visible' });
			await page.waitForLoadState('networkidle');
			// Collections render their fields after the panel opens.
			await panel.getByText('Content Updated After').first().waitFor({ state: 'visible' });
			const text = await panel.innerText();
			const labels = text.split('\n').map((line) => line.trim());
			for (const label of [
				'Credential',
				'API',
				'Resource',
				'Operation',
				'Filters',
				'Content Updated After',
				'Simplify',
			])
				expect(labels).toContain(label);
			const values = await panel
				.locator('input')
				.evaluateAll((inputs) =>
					inputs.map((input) => (input as unknown as { value: string }).value),
				);
			expect(values).toEqual(
				expect.arrayContaining([
					'Maskinporten system user (local Altinn)',
					'End User',
					'Dialog',
					'Search',
				]),
			);
			await page.screenshot({ path: path.join(imagesDir, 'dialogporten-node-parameters.png') });

			await page.locator('[data-test-id="parameter-input-operation"]').click();
			const options = page.locator('.el-select-dropdown__item:visible');
			await options.first().waitFor({ state: 'visible' });
			const operations = (await options.allInnerTexts()).map((t) => t.split('\n')[0]);
			expect(operations).toEqual(
				expect.arrayContaining(['Get', 'Look Up by Instance Reference', 'Search']),
			);
			await page.screenshot({ path: path.join(imagesDir, 'dialogporten-node-operations.png') });
			e2eLog(`operations listed for Dialog (end user): ${operations.join(', ')}`);
			await page.keyboard.press('Escape');
		});

		/** Opens a node of the editor check workflow and waits for its lists to load. */
		async function openCheckNode(name: string) {
			const page = editor.page;
			await openWorkflow(page, ctx.n8n.baseUrl, EDITOR_CHECK_ID);
			await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
			const panel = page.locator('[data-test-id="node-parameters"]');
			await panel.waitFor({ state: 'visible' });
			await page.waitForLoadState('networkidle');
			await page.waitForTimeout(1000);
			return panel;
		}

		test('Action and Endpoint show no error before a dialog is chosen; Send Token is Automatic', async () => {
			const page = editor.page;
			const panel = await openCheckNode('No dialog chosen');
			const text = await panel.innerText();
			e2eLog(`panel without a dialog:\n${text}`);
			expect(text).not.toContain('Error fetching options');
			expect(text).toContain('Action Name or ID');
			expect(text).toContain('Send Token');
			const values = await panel
				.locator('input')
				.evaluateAll((inputs) =>
					inputs.map((input) => (input as unknown as { value: string }).value),
				);
			expect(values).toContain('Automatic');
			await page.screenshot({ path: path.join(imagesDir, 'action-no-dialog.png') });
			await page.keyboard.press('Escape');
		});

		test('a typed action name is valid: no warning, and the list offers it by name', async () => {
			const page = editor.page;
			const panel = await openCheckNode('Dialog chosen');
			// n8n marks a value its list lacks ("The value … is not supported!") with an issue icon.
			expect(await panel.locator('[data-test-id="parameter-issues"]').count()).toBe(0);
			await page.locator('[data-test-id="parameter-input-actionId"]').click();
			const options = page.locator('.el-select-dropdown__item:visible');
			await options.first().waitFor({ state: 'visible' });
			const listed = (await options.allInnerTexts()).map((t) => t.split('\n')[0].trim());
			e2eLog(`actions listed: ${listed.join(', ')}`);
			expect(listed).toEqual(
				expect.arrayContaining(['API: confirm (POST)', 'API: getContent (GET)']),
			);
			await page.screenshot({ path: path.join(imagesDir, 'action-list.png') });
			await page.keyboard.press('Escape');
			await page.keyboard.press('Escape');
		});

		test('an ID-porten credential on a service owner operation gets a notice in the panel', async () => {
			const page = editor.page;
			const panel = await openCheckNode('ID-porten as service owner');
			const text = await panel.innerText();
			e2eLog(`panel of ID-porten as service owner:\n${text}`);
			expect(text).toContain('Service owner operations need a Maskinporten API credential');
			await page.screenshot({ path: path.join(imagesDir, 'notice-id-porten-service-owner.png') });
			await page.keyboard.press('Escape');
		});

		test('the node creator lists every Dialogporten action once, and its trigger events under Triggers', async () => {
			const page = editor.page;
			await openWorkflow(page, ctx.n8n.baseUrl, inboxDigest.workflow.id);
			await page.keyboard.press('Escape');
			await page.locator('[data-test-id="node-creator-plus-button"]').click();
			const search = page
				.locator(
					'[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input',
				)
				.first();
			await search.waitFor({ state: 'visible' });
			await search.fill('Dialogporten');
			const items = page.locator(
				'[data-test-id="node-creator-node-item"], [data-test-id="item-iterator-item"]',
			);
			await items.first().waitFor({ state: 'visible' });
			await page.waitForTimeout(500);
			const names = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
			const node = items.nth(names.indexOf('Dialogporten'));
			expect(names).toContain('Dialogporten');
			await node.waitFor({ state: 'visible' });
			await page.waitForTimeout(500);
			const before = await page.locator('[data-test-id="node-creator"]').innerText();
			e2eLog(`node creator search:\n${before}`);
			await node.click();
			const creatorPanel = page.locator('[data-test-id="node-creator"]');
			await creatorPanel
				.getByText(/^Actions \(\d+\)$/)
				.first()
				.waitFor({ state: 'visible' });
			await page.waitForTimeout(500);
			const creator = await creatorPanel.innerText();
			e2eLog(`node creator, Dialogporten:\n${creator}`);
			const lines = creator.split('\n').map((line) => line.trim());
			// Every operation of both APIs once: 54 actions, service owner ones named so.
			expect(lines).toContain('Actions (54)');
			for (const action of [
				'Create a dialog (service owner)',
				'Purge a dialog (service owner)',
				'Get a dialog',
				'Get a dialog as service owner',
				'Create a transmission (service owner)',
				'Create an activity (service owner)',
			])
				expect(lines.filter((line) => line === action)).toHaveLength(1);
			await page.screenshot({ path: path.join(imagesDir, 'node-creator-actions.png') });

			// The Dialogporten Trigger sits under the node's Triggers, one entry per event type.
			const triggersHeading = `Triggers (${eventTypeOptions.length})`;
			expect(lines).toContain(triggersHeading);
			if (!lines.includes('On dialog created')) {
				await creatorPanel.getByText(triggersHeading).first().click();
				await page.waitForTimeout(500);
			}
			const triggers = (await creatorPanel.innerText()).split('\n').map((line) => line.trim());
			e2eLog(`node creator, Dialogporten triggers:\n${triggers.join('\n')}`);
			for (const action of ['On dialog created', 'On activity: form submitted'])
				expect(triggers.filter((line) => line === action)).toHaveLength(1);
			await creatorPanel
				.getByText('On activity: information', { exact: true })
				.scrollIntoViewIfNeeded();
			await page.screenshot({ path: path.join(imagesDir, 'node-creator-triggers.png') });
			await page.keyboard.press('Escape');
		});

		test("the node panel lists the package's nodes", async () => {
			const page = editor.page;
			await openWorkflow(page, ctx.n8n.baseUrl, inboxDigest.workflow.id);
			await page.keyboard.press('Escape');
			await page.locator('[data-test-id="node-creator-plus-button"]').click();
			const search = page
				.locator(
					'[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input',
				)
				.first();
			await search.waitFor({ state: 'visible' });
			await search.fill('Dialogporten');
			const items = page.locator(
				'[data-test-id="node-creator-node-item"], [data-test-id="item-iterator-item"]',
			);
			await items.first().waitFor({ state: 'visible' });
			await page.waitForTimeout(500);
			const listed = (await items.allInnerTexts()).map((t) => t.split('\n')[0].trim());
			// n8n names a trigger that lists its own events without the word "Trigger".
			for (const name of ['Dialogporten', 'Dialogporten Polling']) expect(listed).toContain(name);
			// The Dialogporten Trigger is listed inside the Dialogporten node; its first type name is
			// hidden from new workflows.
			expect(listed).not.toContain('Dialogporten Trigger');
			expect(listed).not.toContain('Dialogporten Events Trigger');
			await page.screenshot({ path: path.join(imagesDir, 'node-creator.png') });

			await page.keyboard.press('Escape');
		});
	});
});

auditOutputs(audit, () => [ctx?.n8n]);
