/**
 * One local Altinn stand-in, one in-process n8n (HookContext, WebhookContext, PollContext) and,
 * for the webhook trigger, a local HTTP server standing in for n8n's webhook endpoint, so the
 * stand-in's Events worker really POSTs the handshake and the CloudEvents to the trigger.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeParameters,
	INodeType,
	IWebhookData,
} from 'n8n-workflow';
import {
	startAltinnLocal,
	type AltinnLocal,
	type AltinnLocalOptions,
} from '../../../../../altinn-local';
import { fixtures } from '../../../../../altinn-local';
import { MaskinportenApi } from '../../../../../credentials/MaskinportenApi.credentials';
import { maskinportenCredential, SERVICE_OWNER_SCOPES } from '../../../../support/credentials';
import { N8nRuntime } from '../../../../support/n8n-runtime';
import { WebhookBridge, webhookDataFor } from './webhookBridge';

export const DEMO_RESOURCE = fixtures.resources.demo.urn;
export const BAKERY = `urn:altinn:organization:identifier-no:${fixtures.organizations.bakery.orgNumber}`;
export const EVENTS_SCOPES = `${SERVICE_OWNER_SCOPES} altinn:events.subscribe altinn:serviceowner`;

export function dialogBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		serviceResource: DEMO_RESOURCE,
		party: BAKERY,
		status: 'InProgress',
		isApiOnly: false,
		content: {
			title: { mediaType: 'text/plain', value: [{ languageCode: 'nb', value: 'Hendelsestest' }] },
		},
		...overrides,
	};
}

export class EventsHarness {
	local!: AltinnLocal;
	runtime!: N8nRuntime;
	bridge?: WebhookBridge;
	parameters: INodeParameters = {};
	credentialId = 'events';
	private static workflows = 0;
	private webhookBaseUrl?: string;

	constructor(private readonly nodeType: INodeType) {}

	get nodeName(): string {
		return this.nodeType.description.defaults.name ?? this.nodeType.description.displayName;
	}

	async start(options: AltinnLocalOptions & { webhook?: boolean } = {}): Promise<void> {
		const { webhook, ...localOptions } = options;
		// Modelled delays (retries, 30 s visibility, one-hour cache) shrink to milliseconds.
		this.local = await startAltinnLocal({
			port: 0,
			seedDialogs: 3,
			quiet: true,
			timeScale: 0.001,
			...localOptions,
		});
		if (webhook) {
			this.bridge = new WebhookBridge(
				() => this.runtime,
				this.nodeType,
				() => ({
					parameters: this.parameters,
					credentials: { maskinportenApi: this.credentialId },
				}),
			);
			this.webhookBaseUrl = await this.bridge.start();
		}
		this.reset();
	}

	/** A new workflow (own id, empty static data) with the service-owner credential, exchange on. */
	reset(credential: ICredentialDataDecryptedObject = {}): void {
		this.runtime = new N8nRuntime({
			credentials: [MaskinportenApi],
			webhookBaseUrl: this.webhookBaseUrl,
			workflowId: `workflow-${++EventsHarness.workflows}`,
		});
		this.runtime.addCredential(
			'maskinportenApi',
			maskinportenCredential(this.local, 'serviceOwner', {
				exchangeToAltinn: true,
				scopes: EVENTS_SCOPES,
				...credential,
			}),
			this.credentialId,
		);
	}

	async stop(): Promise<void> {
		await this.bridge?.stop();
		await this.local?.stop();
	}

	webhookData(): IWebhookData {
		return webhookDataFor(this.nodeType, this.nodeName, false, this.runtime.workflowId);
	}

	hook(parameters: INodeParameters = this.parameters) {
		this.parameters = parameters;
		return this.runtime.hookContext(
			this.nodeType,
			{ parameters, credentials: { maskinportenApi: this.credentialId } },
			this.webhookData(),
		);
	}

	async lifecycle(
		method: 'checkExists' | 'create' | 'delete',
		parameters: INodeParameters = this.parameters,
	): Promise<boolean> {
		const fn = this.nodeType.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`no ${method}`);
		return await fn.call(this.hook(parameters));
	}

	/** n8n's activation: checkExists, then create when it says false. */
	async activate(parameters: INodeParameters): Promise<void> {
		if (!(await this.lifecycle('checkExists', parameters)))
			await this.lifecycle('create', parameters);
	}

	poll(parameters: INodeParameters, mode: 'trigger' | 'manual' = 'trigger', typeVersion?: number) {
		this.parameters = parameters;
		const context = this.runtime.pollContext(
			this.nodeType,
			{ parameters, credentials: { maskinportenApi: this.credentialId }, typeVersion },
			mode,
		);
		return this.nodeType.poll!.call(context);
	}

	nodeStaticData(): IDataObject {
		const workflow = (this.runtime.staticData.get(this.runtime.workflowId) ?? {}) as IDataObject;
		return (workflow[`node:${this.nodeName}`] ?? {}) as IDataObject;
	}

	/** Requests the stand-in received under its Events API (both path aliases). */
	eventsRequests(): number {
		return this.local.stats.requests('/platform/events/') + this.local.stats.requests('/events/');
	}
}
