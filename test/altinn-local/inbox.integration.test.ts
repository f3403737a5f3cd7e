// The end user's inbox page a dialog picker links to: one dialog at {inbox}/inbox/{id}.
import { serviceOwnerToken, start, type AltinnLocal } from './support';

let local: AltinnLocal;

beforeAll(async () => {
	local = await start({ seedDialogs: 3 });
});
afterAll(async () => await local.stop());

describe('the local Altinn inbox', () => {
	it('shows a dialog by its ID, with its title escaped, and 404 for an unknown or deleted one', async () => {
		const token = await serviceOwnerToken(local);
		const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
		const created = await fetch(`${local.urls.dialogporten}/api/v1/serviceowner/dialogs`, {
			method: 'POST',
			headers,
			body: JSON.stringify({
				serviceResource: local.fixtures.resources.demo.urn,
				party: `urn:altinn:organization:identifier-no:${local.fixtures.organizations.bakery.orgNumber}`,
				status: 'RequiresAttention',
				content: {
					title: {
						mediaType: 'text/plain',
						value: [{ languageCode: 'nb', value: 'Søknad <b>mottatt</b>' }],
					},
				},
			}),
		});
		expect(created.status).toBe(201);
		const id = (await created.json()) as string;

		const page = await fetch(`${local.urls.inbox}/inbox/${id}`);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toContain('text/html');
		const body = await page.text();
		expect(body).toContain('<h1>Søknad &#60;b&#62;mottatt&#60;/b&#62;</h1>');
		expect(body).toContain('RequiresAttention');
		expect(body).toContain(id);

		const unknown = await fetch(`${local.urls.inbox}/inbox/0194aa10-0000-7000-8000-000000000000`);
		expect(unknown.status).toBe(404);
		await unknown.text();

		const deleted = await fetch(`${local.urls.dialogporten}/api/v1/serviceowner/dialogs/${id}`, {
			method: 'DELETE',
			headers: { authorization: `Bearer ${token}` },
		});
		expect(deleted.status).toBe(204);
		expect((await fetch(`${local.urls.inbox}/inbox/${id}`)).status).toBe(404);
	});
});
