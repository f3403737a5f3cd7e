/**
 * What the demo and the examples' end-to-end tests share: the credentials the example workflows
 * refer to (by fixed id, pointing at a running local Altinn stand-in) and loading `examples/*.json`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
	idPortenCredential,
	maskinportenCredential,
	SERVICE_OWNER_SCOPES,
	SYSTEM_USER_SCOPES,
	type LocalAltinnUrls,
} from '../../support/credentials';
import { persons } from '../../../altinn-local/fixtures';
import { repoRoot } from './host';
import type { ImportedCredential, WorkflowFile } from './n8n';

export const examplesDir = path.join(repoRoot, 'examples');

/** Local-only login of the demo's n8n; printed so a person can open the editor. */
export const DEMO_OWNER = {
	email: 'demo@example.test',
	password: 'Dialogporten-demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

/**
 * The credentials the examples are wired to. A user importing an example into their own n8n picks
 * their own credential instead; the ids only matter where these are imported alongside.
 */
export const EXAMPLE_CREDENTIALS = {
	/** End-user API as the system user of BAKERIET ÅS AS (Maskinporten, system-user grant). */
	systemUser: { id: 'dpExampleSysUser', name: 'Maskinporten system user (local Altinn)' },
	/** Service-owner API as TESTDEPARTEMENTET (`ttd`). */
	serviceOwner: { id: 'dpExampleSvcOwner', name: 'Maskinporten service owner (local Altinn)' },
	/**
	 * The system user with an Altinn token and the message API's read scope: the HTTP Request node
	 * of example 6 calls the message API with it.
	 */
	systemUserAltinn: {
		id: 'dpExampleSysUserAltinn',
		name: 'Maskinporten system user with Altinn token (local Altinn)',
	},
	/** The same service owner with an Altinn token, which Altinn Events asks for. */
	events: {
		id: 'dpExampleEvents',
		name: 'Maskinporten service owner with Altinn Events (local Altinn)',
	},
} as const;

/**
 * A person's ID-porten credential for the demo, pointing at the stand-in's ID-porten. The demo
 * connects it as {@link DEMO_PERSON} through n8n's own OAuth2 flow; "Connect my account" in the
 * editor connects it again as anyone the stand-in's login page offers.
 */
export const DEMO_PERSON_CREDENTIAL = {
	id: 'dpDemoIdPorten',
	name: 'ID-porten person (local Altinn)',
} as const;

/** The person the demo logs in as: OLA NORDMANN, who represents himself and BAKERIET ÅS AS. */
export const DEMO_PERSON = persons.ola;

export function demoPersonCredential(local: LocalAltinnUrls): ImportedCredential {
	return { ...DEMO_PERSON_CREDENTIAL, type: 'idPortenOAuth2Api', data: idPortenCredential(local) };
}

/** n8n's OAuth2 callbacks on `port`, as the stand-in's ID-porten client must accept them. */
export const oauthCallbacks = (port: number) =>
	['127.0.0.1', 'localhost'].map(
		(host) => `http://${host}:${port}/rest/oauth2-credential/callback`,
	);

export function exampleCredentials(local: LocalAltinnUrls): ImportedCredential[] {
	return [
		{
			...EXAMPLE_CREDENTIALS.systemUser,
			type: 'maskinportenApi',
			data: maskinportenCredential(local, 'systemUser'),
		},
		{
			...EXAMPLE_CREDENTIALS.systemUserAltinn,
			type: 'maskinportenApi',
			data: maskinportenCredential(local, 'systemUser', {
				exchangeToAltinn: true,
				scopes: `${SYSTEM_USER_SCOPES} altinn:correspondence.read`,
			}),
		},
		{
			...EXAMPLE_CREDENTIALS.serviceOwner,
			type: 'maskinportenApi',
			data: maskinportenCredential(local, 'serviceOwner'),
		},
		{
			...EXAMPLE_CREDENTIALS.events,
			type: 'maskinportenApi',
			data: maskinportenCredential(local, 'serviceOwner', {
				exchangeToAltinn: true,
				scopes: `${SERVICE_OWNER_SCOPES} altinn:events.subscribe altinn:serviceowner`,
			}),
		},
	];
}

export interface Example {
	file: string;
	workflow: WorkflowFile;
}

/** `examples/*.json`, in file-name order (they are numbered). */
export function loadExamples(): Example[] {
	return readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')) as WorkflowFile,
		}));
}

export function loadExample(idOrFilePrefix: string): Example {
	const example = loadExamples().find(
		(e) => e.workflow.id === idOrFilePrefix || e.file.startsWith(idOrFilePrefix),
	);
	if (!example) throw new Error(`no example ${idOrFilePrefix} in ${examplesDir}`);
	return example;
}
