/**
 * Runs the Dialogporten node in process (n8n-core's real ExecuteContext) against a local Altinn
 * stand-in started on a random port, with credentials pointing at it.
 */
import type {
	ICredentialDataDecryptedObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import {
	startAltinnLocal,
	type AltinnLocal,
	type AltinnLocalOptions,
} from '../../../../altinn-local';
import { IdPortenOAuth2Api } from '../../../../credentials/IdPortenOAuth2Api.credentials';
import { MaskinportenApi } from '../../../../credentials/MaskinportenApi.credentials';
import { Dialogporten } from '../../../../nodes/Dialogporten/Dialogporten.node';
import { maskinportenCredential, type MaskinportenFixture } from '../../../support/credentials';
import { N8nRuntime } from '../../../support/n8n-runtime';

export type Who = 'serviceOwner' | 'systemUser' | 'otherServiceOwner';

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** The node version (1, as saved workflows have it, unless given). */
	typeVersion?: number;
}

export class NodeHarness {
	readonly node: INodeType = new Dialogporten();
	runtime!: N8nRuntime;
	local!: AltinnLocal;
	private credentialIds: Record<string, string> = {};

	async start(options: AltinnLocalOptions = {}): Promise<void> {
		this.local = await startAltinnLocal({ port: 0, seedDialogs: 30, quiet: true, ...options });
		this.runtime = new N8nRuntime({ credentials: [MaskinportenApi, IdPortenOAuth2Api] });
		for (const fixture of ['serviceOwner', 'systemUser'] as MaskinportenFixture[]) {
			this.credentialIds[fixture] = this.runtime.addCredential(
				'maskinportenApi',
				maskinportenCredential(this.local, fixture),
				fixture,
			);
		}
	}

	async stop(): Promise<void> {
		await this.local?.stop();
	}

	addCredential(type: string, data: ICredentialDataDecryptedObject, id: string): string {
		this.credentialIds[id] = this.runtime.addCredential(type, data, id);
		return id;
	}

	/** Runs the node as the given identity: the service owner API or the end user API (system user). */
	async run(
		who: string,
		parameters: INodeParameters,
		options: RunOptions = {},
	): Promise<INodeExecutionData[]> {
		const api = who === 'serviceOwner' ? 'serviceowner' : 'enduser';
		const credentialType = who.startsWith('idPorten') ? 'idPortenOAuth2Api' : 'maskinportenApi';
		const output = await this.runtime.execute(this.node, {
			parameters: { api, authentication: credentialType, ...parameters },
			credentials: { [credentialType]: this.credentialIds[who] ?? who },
			items: options.items,
			continueOnFail: options.continueOnFail,
			typeVersion: options.typeVersion,
		});
		return output[0];
	}

	/** Runs the node with a credential added under `credentialId`, in the given API. */
	async runAs(
		credentialId: string,
		api: 'enduser' | 'serviceowner',
		parameters: INodeParameters,
		options: RunOptions = {},
	): Promise<INodeExecutionData[]> {
		const credentialType =
			this.runtime.credentialsHelper.store.get(credentialId)?.type ?? 'maskinportenApi';
		const output = await this.runtime.execute(this.node, {
			parameters: { api, authentication: credentialType, ...parameters },
			credentials: { [credentialType]: credentialId },
			items: options.items,
			continueOnFail: options.continueOnFail,
			typeVersion: options.typeVersion,
		});
		return output[0];
	}

	/** Spec violations of the requests this node sent (the stand-in validates every request). */
	violations() {
		return this.local.specViolations.filter((violation) => violation.direction === 'request');
	}

	/** Spec violations of the stand-in's own responses (its problem, reported, not asserted here). */
	responseViolations() {
		return this.local.specViolations.filter((violation) => violation.direction === 'response');
	}
}

export const dialogLocator = (id: string) => ({ __rl: true, mode: 'id', value: id });
export const partyLocator = (urn: string) => ({ __rl: true, mode: 'id', value: urn });

/** Rejections of `promise`, for asserting on n8n errors. */
export async function failureOf(
	promise: Promise<unknown>,
): Promise<
	Error & { description?: string; httpCode?: string | null; context?: Record<string, unknown> }
> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { description?: string; httpCode?: string | null };
	}
	throw new Error('expected the node to fail');
}

export const BAKERY = 'urn:altinn:organization:identifier-no:310000051';
export const OLA = 'urn:altinn:person:identifier-no:12038512356';
export const DEMO_RESOURCE = 'urn:altinn:resource:ttd-dialogporten-demo';
export const MESSAGES_RESOURCE = 'urn:altinn:resource:ttd-meldingstjeneste';

/** A create body for the service owner `ttd` (bakery party, demo resource). */
export function dialogBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		serviceResource: DEMO_RESOURCE,
		party: BAKERY,
		status: 'InProgress',
		isApiOnly: false,
		content: {
			title: {
				mediaType: 'text/plain',
				value: [
					{ languageCode: 'nb', value: 'Testsak' },
					{ languageCode: 'en', value: 'Test case' },
				],
			},
		},
		...overrides,
	};
}
