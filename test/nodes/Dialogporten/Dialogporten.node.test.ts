import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Dialogporten } from '../../../nodes/Dialogporten/Dialogporten.node';
import type { ResourceTable } from '../../../nodes/Dialogporten/actions/node.type';
import { operationOf } from '../../../nodes/Dialogporten/actions/resourceTable';
import { resources } from '../../../nodes/Dialogporten/actions/resources';
import type { DialogportenApi } from '../../../nodes/Dialogporten/helpers/interfaces';

const node = new Dialogporten();
const { description } = node;
const tables: Record<string, ResourceTable> = resources;
const nodeDir = path.join(__dirname, '../../../nodes/Dialogporten');

function shown(property: INodeProperties, values: Record<string, string>): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(
		([key, allowed]) => !(key in values) || (allowed as unknown[]).includes(values[key]),
	);
}

function optionsOf(name: string, values: Record<string, string>): INodePropertyOptions[] {
	return description.properties
		.filter((property) => property.name === name && shown(property, values))
		.flatMap((property) => (property.options ?? []) as INodePropertyOptions[]);
}

describe('Dialogporten node description', () => {
	it('is a tool-capable node with themed SVG icons and a codex file', () => {
		expect(description).toMatchObject({
			name: 'dialogporten',
			displayName: 'Dialogporten',
			usableAsTool: true,
			version: 1,
		});
		const icon = description.icon as { light: string; dark: string };
		const light = readFileSync(path.join(nodeDir, icon.light.replace('file:', '')), 'utf8');
		const dark = readFileSync(path.join(nodeDir, icon.dark.replace('file:', '')), 'utf8');
		expect(light).toMatch(/^<svg /);
		expect(dark).toMatch(/^<svg /);
		expect(light).not.toBe(dark);
		const codex = JSON.parse(readFileSync(path.join(nodeDir, 'Dialogporten.node.json'), 'utf8'));
		expect(codex).toMatchObject({
			node: 'n8n-nodes-dialogporten.dialogporten',
			nodeVersion: '1.0',
			codexVersion: '1.0',
		});
	});

	it('takes the Maskinporten or ID-porten credential through one authentication parameter', () => {
		expect(optionsOf('authentication', {}).map((o) => o.value)).toEqual([
			'maskinportenApi',
			'idPortenOAuth2Api',
		]);
		expect(
			description.credentials?.map((c) => [c.name, c.displayOptions?.show?.authentication]),
		).toEqual([
			['maskinportenApi', ['maskinportenApi']],
			['idPortenOAuth2Api', ['idPortenOAuth2Api']],
		]);
	});

	it('keeps the API selector visible in the editor', () => {
		// n8n's editor treats the parameters that credentials depend on (here `authentication`) as
		// auth fields, and hides every parameter those fields' displayOptions depend on.
		const credentialFields = new Set(
			description.credentials?.flatMap((c) => Object.keys(c.displayOptions?.show ?? {})),
		);
		const authFields = description.properties.filter((property) =>
			credentialFields.has(property.name),
		);
		const hiddenByEditor = new Set(
			authFields.flatMap((field) => Object.keys(field.displayOptions?.show ?? {})),
		);
		expect([...credentialFields]).toEqual(['authentication']);
		expect(hiddenByEditor.has('api')).toBe(false);
		expect(
			description.properties.find((property) => property.name === 'api')?.displayOptions,
		).toBeUndefined();
	});

	for (const api of ['enduser', 'serviceowner'] as DialogportenApi[]) {
		describe(`${api} API`, () => {
			const resources = optionsOf('resource', { api });
			it('offers resources, each with operations that are implemented for this API', () => {
				expect(resources.length).toBeGreaterThanOrEqual(7);
				for (const resource of resources) {
					const operations = optionsOf('operation', { api, resource: String(resource.value) });
					expect(operations.length).toBeGreaterThan(0);
					for (const operation of operations) {
						const row = operationOf(tables[String(resource.value)], String(operation.value), api);
						expect(typeof row?.operation.execute).toBe('function');
					}
					const [list] = description.properties.filter(
						(property) =>
							property.name === 'operation' &&
							shown(property, { api, resource: String(resource.value) }),
					);
					expect(operations.map((o) => o.value)).toContain(list.default);
				}
			});

			it('describes every operation well enough to choose it (action and a sentence of description)', () => {
				for (const resource of resources) {
					for (const operation of optionsOf('operation', {
						api,
						resource: String(resource.value),
					})) {
						expect(operation.action).toMatch(/^[A-Z]/);
						expect((operation.description ?? '').length).toBeGreaterThan(25);
					}
				}
			});
		});
	}

	it('lists resources and operations alphabetically, without duplicate values', () => {
		const lists = description.properties.filter(
			(property) => property.name === 'resource' || property.name === 'operation',
		);
		expect(lists.length).toBeGreaterThan(10);
		for (const list of lists) {
			const options = list.options as INodePropertyOptions[];
			const names = options.map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(new Set(options.map((option) => option.value)).size).toBe(options.length);
		}
	});

	it('shows the fields of each operation only for its resource, operation and APIs', () => {
		for (const [resource, table] of Object.entries(tables)) {
			for (const [value, row] of Object.entries(table.operations)) {
				const fields = description.properties.filter(
					(property) =>
						property.displayOptions?.show?.resource?.includes(resource) &&
						property.displayOptions?.show?.operation?.includes(value),
				);
				expect(fields.length).toBe(row.operation.properties.length);
				for (const field of fields) {
					expect(field.displayOptions?.show?.api).toEqual(row.apis ? [...row.apis] : undefined);
				}
			}
		}
	});
});
