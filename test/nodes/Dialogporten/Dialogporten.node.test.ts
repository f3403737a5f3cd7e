import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Dialogporten } from '../../../nodes/Dialogporten/Dialogporten.node';
import * as action from '../../../nodes/Dialogporten/actions/action/Action.resource';
import * as activity from '../../../nodes/Dialogporten/actions/activity/Activity.resource';
import * as dialog from '../../../nodes/Dialogporten/actions/dialog/Dialog.resource';
import * as label from '../../../nodes/Dialogporten/actions/label/Label.resource';
import * as metadata from '../../../nodes/Dialogporten/actions/metadata/Metadata.resource';
import * as party from '../../../nodes/Dialogporten/actions/party/Party.resource';
import * as seenLog from '../../../nodes/Dialogporten/actions/seenLog/SeenLog.resource';
import * as serviceResource from '../../../nodes/Dialogporten/actions/serviceResource/ServiceResource.resource';
import * as transmission from '../../../nodes/Dialogporten/actions/transmission/Transmission.resource';

const node = new Dialogporten();
const { description } = node;
const modules: Record<string, Record<string, unknown>> = {
	action,
	activity,
	dialog,
	label,
	metadata,
	party,
	seenLog,
	serviceResource,
	transmission,
};
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

	for (const api of ['enduser', 'serviceowner']) {
		describe(`${api} API`, () => {
			const resources = optionsOf('resource', { api });
			it('offers resources, each with operations that are implemented for this API', () => {
				expect(resources.length).toBeGreaterThanOrEqual(7);
				for (const resource of resources) {
					const operations = optionsOf('operation', { api, resource: String(resource.value) });
					expect(operations.length).toBeGreaterThan(0);
					for (const operation of operations) {
						const module = modules[String(resource.value)][String(operation.value)] as {
							execute?: unknown;
							apis?: string[];
						};
						expect(typeof module?.execute).toBe('function');
						if (module.apis) expect(module.apis).toContain(api);
					}
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
});
