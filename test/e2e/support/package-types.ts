/**
 * What a running n8n says it loaded from this package: the node and credential types it serves to
 * the editor, and their SVG icons.
 */
import path from 'node:path';
import { packageName, readPackageJson, type N8nInstance } from '../harness';

export interface LoadedType {
	name: string;
	displayName: string;
	iconUrl?: string | { light: string; dark: string };
	credentials?: Array<{ name: string }>;
}

/** "dist/nodes/Dialogporten/Dialogporten.node.js" → "Dialogporten" */
export const baseName = (file: string) =>
	path.basename(file).replace(/\.(node|credentials)\.js$/, '');

const lowerFirst = (name: string) => `${name.charAt(0).toLowerCase()}${name.slice(1)}`;

/** The node types the package declares, as n8n names them (`n8n-nodes-dialogporten.<node>`). */
export const declaredNodeTypes = () =>
	readPackageJson().n8n.nodes.map((file) => `${packageName}.${lowerFirst(baseName(file))}`);

/** The credential types the package declares (credential names carry no package prefix). */
export const declaredCredentialTypes = () =>
	readPackageJson().n8n.credentials.map((file) => lowerFirst(baseName(file)));

/** The node and credential types the editor gets from a running n8n (logged in). */
export async function loadedTypes(
	n8n: N8nInstance,
): Promise<{ nodeTypes: LoadedType[]; credentialTypes: LoadedType[] }> {
	return {
		nodeTypes: await n8n.authenticatedGet<LoadedType[]>(`${n8n.baseUrl}/types/nodes.json`),
		credentialTypes: await n8n.authenticatedGet<LoadedType[]>(
			`${n8n.baseUrl}/types/credentials.json`,
		),
	};
}

/** This package's types among those loaded: its nodes (and the tool variants n8n derives) and credentials. */
export function packageTypes(loaded: {
	nodeTypes: LoadedType[];
	credentialTypes: LoadedType[];
}): LoadedType[] {
	const credentials = declaredCredentialTypes();
	return [
		...loaded.nodeTypes.filter((t) => t.name.startsWith(`${packageName}.`)),
		...loaded.credentialTypes.filter((t) => credentials.includes(t.name)),
	];
}

/** Each type has an icon, and n8n serves every icon URL (light and dark) as an SVG. */
export async function expectIconsServed(n8n: N8nInstance, types: LoadedType[]): Promise<void> {
	for (const type of types) {
		const icon = type.iconUrl;
		expect({ type: type.name, hasIcon: Boolean(icon) }).toEqual({
			type: type.name,
			hasIcon: true,
		});
		const urls = typeof icon === 'string' ? [icon] : icon ? [icon.light, icon.dark] : [];
		for (const url of urls) {
			const response = await fetch(`${n8n.baseUrl}/${url.replace(/^\//, '')}`);
			expect({ url, status: response.status }).toEqual({ url, status: 200 });
			expect(await response.text()).toMatch(/<svg[\s>]/);
		}
	}
}
