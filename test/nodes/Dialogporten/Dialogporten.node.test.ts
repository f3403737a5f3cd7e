import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Dialogporten } from '../../../nodes/Dialogporten/Dialogporten.node';
import type { ResourceTable } from '../../../nodes/Dialogporten/actions/node.type';
import { operationOf } from '../../../nodes/Dialogporten/actions/resourceTable';
import { resources } from '../../../nodes/Dialogporten/actions/resources';
import type { DialogportenApi } from '../../../nodes/Dialogporten/helpers/interfaces';
import { chosenOperation, getApi } from '../../../nodes/Dialogporten/helpers/utils';

const node = new Dialogporten();
const { description } = node;
const tables: Record<string, ResourceTable> = resources;
const nodeDir = path.join(__dirname, '../../../nodes/Dialogporten');

type Values = Record<string, string | number>;

function shown(property: INodeProperties, values: Values): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(
		([key, allowed]) => !(key in values) || (allowed as unknown[]).includes(values[key]),
	);
}

/** The options of a list in version 1 unless the values name another version. */
function optionsOf(name: string, values: Values): INodePropertyOptions[] {
	return description.properties
		.filter((property) => property.name === name && shown(property, { '@version': 1, ...values }))
		.flatMap((property) => (property.options ?? []) as INodePropertyOptions[]);
}

/**
 * The actions n8n 2.41's node creator lists for a regular node (useActionsGeneration's
 * resourceCategories): every `resource` list of the default version, and for each resource the
 * first `operation` list shown for it in that version; picking an action sets only `resource`
 * and `operation`.
 */
function creatorActions(): Array<{ label: string; name: string; resource: string; value: string }> {
	const version = description.defaultVersion as number;
	const inVersion = (property: INodeProperties) => {
		const versions = property.displayOptions?.show?.['@version'] as number[] | undefined;
		return !versions || versions.includes(version);
	};
	return description.properties
		.filter((property) => property.name === 'resource' && inVersion(property))
		.flatMap((list) =>
			(list.options as INodePropertyOptions[]).flatMap((resource) => {
				const operations = description.properties.find(
					(property) =>
						property.name === 'operation' &&
						inVersion(property) &&
						(property.displayOptions?.show?.resource as string[] | undefined)?.includes(
							String(resource.value),
						),
				);
				return ((operations?.options ?? []) as INodePropertyOptions[]).map((option) => ({
					label: `${resource.name} Actions`,
					name: option.action ?? `${resource.name} ${option.name}`,
					resource: String(resource.value),
					value: String(option.value),
				}));
			}),
		);
}

describe('Dialogporten node description', () => {
	it('is a tool-capable node with themed SVG icons and a codex file', () => {
		expect(description).toMatchObject({
			name: 'dialogporten',
			displayName: 'Dialogporten',
			usableAsTool: true,
			version: [1, 2],
			defaultVersion: 2,
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
		).toEqual({ show: { '@version': [1] } });
	});

	it('puts Simplify and Output Language before Options, as n8n’s own nodes do', () => {
		const names = description.properties
			.filter((property) =>
				shown(property, { '@version': 2, resource: 'dialog', operation: 'search' }),
			)
			.map((property) => property.name);
		const options = names.indexOf('options');
		expect(options).toBeGreaterThan(0);
		expect(names.indexOf('simplify')).toBeGreaterThan(-1);
		expect(names.indexOf('simplify')).toBeLessThan(options);
		expect(names.indexOf('outputLanguage')).toBeLessThan(options);
	});

	it('shows a notice while an ID-porten credential is chosen for a service owner operation', () => {
		const notices = (values: Values) =>
			description.properties.filter(
				(property) =>
					property.name === 'idPortenServiceOwnerNotice' &&
					shown(property, values) &&
					!Object.entries(property.displayOptions?.hide ?? {}).some(([key, hidden]) =>
						(hidden as unknown[]).includes(values[key]),
					),
			);
		const v2 = { '@version': 2, resource: 'dialog' };
		expect(
			notices({ ...v2, authentication: 'idPortenOAuth2Api', operation: 'purge' }),
		).toHaveLength(1);
		expect(
			notices({ ...v2, authentication: 'idPortenOAuth2Api', operation: 'getAsServiceOwner' }),
		).toHaveLength(1);
		expect(notices({ ...v2, authentication: 'idPortenOAuth2Api', operation: 'get' })).toHaveLength(
			0,
		);
		expect(notices({ ...v2, authentication: 'maskinportenApi', operation: 'purge' })).toHaveLength(
			0,
		);
		const v1 = { '@version': 1, api: 'serviceowner', authentication: 'idPortenOAuth2Api' };
		expect(notices({ ...v1, resource: 'dialog', operation: 'purge' })).toHaveLength(1);
		expect(notices({ ...v1, resource: 'metadata', operation: 'getWellKnown' })).toHaveLength(0);
	});

	describe("version 2 in n8n's node creator", () => {
		const actions = creatorActions();
		const expected = Object.entries(tables).flatMap(([resource, table]) =>
			Object.values(table.operations).flatMap((row) =>
				(row.apis ?? ['enduser', 'serviceowner']).map((api) => ({ resource, api, row })),
			),
		);

		it('lists every operation of both APIs once, under its resource, with a distinct action name', () => {
			expect(actions).toHaveLength(expected.length);
			expect(new Set(actions.map((a) => a.name)).size).toBe(actions.length);
			expect(new Set(actions.map((a) => `${a.resource}/${a.value}`)).size).toBe(actions.length);
			expect(actions.map((a) => a.name)).toEqual(
				expect.arrayContaining([
					'Create a dialog (service owner)',
					'Get a dialog',
					'Get a dialog as service owner',
					'Purge a dialog (service owner)',
					'Create a transmission (service owner)',
					'Create an activity (service owner)',
				]),
			);
			expect(new Set(actions.map((a) => a.label)).size).toBe(Object.keys(tables).length);
		});

		it('runs, for each action picked there (resource and operation only), its operation in its API', () => {
			const runtime = { getNode: () => ({ typeVersion: 2 }) };
			for (const action of actions) {
				const context = {
					...runtime,
					getNodeParameter: (name: string) =>
						name === 'resource' ? action.resource : name === 'operation' ? action.value : '',
				} as unknown as IExecuteFunctions;
				const chosen = chosenOperation.call(context);
				expect(operationOf(tables[action.resource], chosen.operation, chosen.api)).toBeDefined();
				expect(getApi.call(context)).toBe(chosen.api);
				expect(chosen.api === 'serviceowner').toBe(/service owner/.test(action.name));
			}
			expect(
				expected.every(({ resource, api, row }) =>
					actions.some(
						(a) =>
							a.resource === resource &&
							a.name.startsWith(row.action) &&
							/service owner/.test(a.name) === (api === 'serviceowner'),
					),
				),
			).toBe(true);
		});

		it("shows each version 2 operation's fields for it alone", () => {
			for (const action of actions) {
				const row = (() => {
					const context = {
						getNode: () => ({ typeVersion: 2 }),
						getNodeParameter: (name: string) =>
							name === 'resource' ? action.resource : action.value,
					} as unknown as IExecuteFunctions;
					return operationOf(
						tables[action.resource],
						chosenOperation.call(context).operation,
						chosenOperation.call(context).api,
					)!;
				})();
				const fields = description.properties.filter(
					(property) =>
						property.name !== 'operation' &&
						// shown only with an ID-porten credential, whatever the operation's fields
						property.name !== 'idPortenServiceOwnerNotice' &&
						shown(property, {
							'@version': 2,
							resource: action.resource,
							operation: action.value,
						}) &&
						property.displayOptions?.show?.operation,
				);
				expect(fields.length).toBe(row.operation.properties.length);
			}
		});
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
							shown(property, { '@version': 1, api, resource: String(resource.value) }),
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
			(property) =>
				(property.name === 'resource' || property.name === 'operation') &&
				property.type === 'options',
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
						property.displayOptions?.show?.['@version']?.includes(1) &&
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
