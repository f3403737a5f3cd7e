/**
 * The n8n editor in headless Chromium (Debian's `chromium`, driven by playwright-core; no browser
 * download). Used to look at what a person sees: the canvas of a workflow and a node's panel.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-default-apps',
];

export interface EditorBrowser {
	browser: Browser;
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

/** Starts Chromium with a fresh profile. Fails with instructions when Chromium is not installed. */
export async function launchEditorBrowser(
	viewport = { width: 1440, height: 900 },
): Promise<EditorBrowser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`Chromium is not installed at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\` ` +
				'(or set CHROMIUM_PATH to a Chromium binary).',
		);
	}
	// playwright gives every launch a fresh temporary profile of its own.
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_FLAGS,
	});
	const context = await browser.newContext({
		viewport,
		deviceScaleFactor: 1,
		locale: 'en-US',
		colorScheme: 'light',
	});
	const page = await context.newPage();
	return {
		browser,
		context,
		page,
		async close() {
			await browser.close();
		},
	};
}

/** Logs in through n8n's own login endpoint, from the page, with the browser id the editor uses. */
export async function loginInBrowser(
	page: Page,
	baseUrl: string,
	email: string,
	password: string,
): Promise<void> {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page.waitForLoadState('networkidle');
	const status = await page.evaluate(
		async ({ email, password }) => {
			// Runs in the page; the editor keeps its browser id in localStorage.
			const storage = (
				globalThis as unknown as { localStorage: { getItem(key: string): string | null } }
			).localStorage;
			const browserId = storage.getItem('n8n-browserId') ?? '';
			const response = await fetch('/rest/login', {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(browserId ? { 'browser-id': browserId } : {}),
				},
				body: JSON.stringify({ emailOrLdapLoginId: email, password }),
				credentials: 'include',
			});
			return response.status;
		},
		{ email, password },
	);
	if (status !== 200) throw new Error(`login from the browser answered ${status}`);
}

/** Opens a workflow in the editor and waits until its nodes are on the canvas. */
export async function openWorkflow(page: Page, baseUrl: string, workflowId: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	await page
		.locator('[data-test-id="canvas-node"]')
		.first()
		.waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForLoadState('networkidle');
}
