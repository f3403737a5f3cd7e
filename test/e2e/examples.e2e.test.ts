/**
 * The example workflows of `examples/` as a user gets them: imported into a real n8n with this
 * package installed, wired to credentials that point at the local Altinn stand-in, run headless,
 * and opened in the editor in headless Chromium for the README's pictures.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startAltinnLocal, type AltinnLocal } from '../../altinn-local';
import { organizations } from '../../altinn-local/fixtures';
import { nodeItems, prepareN8n, repoRoot, type PreparedN8n } from '../../e2e/lib';
import { exampleCredentials, loadExample, loadExamples } from '../../e2e/lib/demo-setup';
import { e2eLog } from './support/harness';

jest.setTimeout(180_000);

let altinn: AltinnLocal;
let ctx: PreparedN8n;

const inboxDigest = loadExample('1-');
const readAndConfirm = loadExample('2-');
const serviceOwner = loadExample('3-');

beforeAll(async () => {
	altinn = await startAltinnLocal({ port: 0, quiet: true });
	ctx = await prepareN8n({ log: e2eLog });
	await ctx.n8n.importCredentials(exampleCredentials(altinn));
	await ctx.n8n.importWorkflows(loadExamples().map((e) => e.workflow));
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
				type: expect.stringMatching(/^(n8n-nodes-base|n8n-nodes-dialogporten|@n8n\/n8n-nodes-langchain)\./),
			});
		}
	}
});

let createdDialogId = '';

test('example 3, Service owner: creates a dialog, adds a transmission, marks it completed', async () => {
	const run = await ctx.n8n.executeOk(serviceOwner.workflow.id);
	const [created] = nodeItems(run, 'Create dialog');
	createdDialogId = String(created.id);
	expect(createdDialogId).toMatch(/^[0-9a-f-]{36}$/);

	const stored = altinn.dialogs.get(createdDialogId);
	expect(stored?.party).toBe(`urn:altinn:organization:identifier-no:${organizations.bakery.orgNumber}`);
	expect(stored?.status).toBe('Completed');
	expect(stored?.details.transmissions.map((t) => t.type)).toEqual(['Decision']);

	const [readBack] = nodeItems(run, 'Read it back');
	expect(readBack.status).toBe('Completed');
	expect((readBack.content as Record<string, unknown>).title).toBe('Your application has been received');
	const transmissions = readBack.transmissions as Array<{ content: { title: string } }>;
	expect(transmissions.map((t) => t.content.title)).toEqual(['Decision on your application']);
	e2eLog(`example 3: created ${createdDialogId}, 1 transmission, status ${readBack.status}`);
});

test('example 1, Inbox digest: the parties, and their dialogs updated since yesterday', async () => {
	const since = Date.now() - 24 * 3600 * 1000;
	const run = await ctx.n8n.executeOk(inboxDigest.workflow.id);
	const parties = nodeItems(run, 'Get parties');
	expect(parties.map((p) => p.name)).toEqual([organizations.bakery.name]);

	const lines = nodeItems(run, 'Digest line');
	expect(lines.length).toBeGreaterThan(0);
	for (const line of lines) {
		expect(Object.keys(line).sort()).toEqual(['dialogId', 'party', 'sender', 'status', 'title', 'updatedAt']);
		expect(line.party).toBe(organizations.bakery.name);
		expect(Date.parse(String(line.updatedAt))).toBeGreaterThan(since - 60_000);
	}
	// The dialog example 3 created (and so updated) today is in the digest.
	expect(lines.map((l) => l.dialogId)).toContain(createdDialogId);
	e2eLog(`example 1: ${parties.length} party, ${lines.length} dialog(s) updated since yesterday`);
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

export const imagesDir = path.join(repoRoot, 'docs', 'images');
mkdirSync(imagesDir, { recursive: true });
