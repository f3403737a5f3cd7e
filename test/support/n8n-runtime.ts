/**
 * Runs this package's nodes in process on n8n's own execution engine (n8n-core's ExecuteContext,
 * LoadOptionsContext, HookContext, WebhookContext and PollContext), so parameters, expressions,
 * `httpRequestWithAuthentication`, `continueOnFail` and `pairedItem` behave as they do inside
 * n8n. Only the credential store is ours: `TestCredentialsHelper` keeps credentials in memory and
 * follows n8n's CredentialsHelper for `authenticate` and `preAuthentication` (the expirable field,
 * forced refresh after a 401, persisting what preAuthentication returns), and n8n's data
 * de-duplication store (`helpers.checkProcessedAndRecord`) keeps its entries in memory, as n8n keeps
 * them in its database: see `InMemoryDeduplicator`.
 */
import {
	DataDeduplicationService,
	ExecuteContext,
	HookContext,
	LoadOptionsContext,
	PollContext,
	WebhookContext,
	type Credentials,
} from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { Container } from '@n8n/di';
import {
	ICredentialsHelper,
	Workflow,
	createRunExecutionData,
	isExpression,
	type ICheckProcessedContextData,
	type ICheckProcessedOptions,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentials,
	type ICredentialsExpressionResolveValues,
	type DeduplicationItemTypes,
	type DeduplicationScope,
	type IDataDeduplicator,
	type IDataObject,
	type IDeduplicationOutput,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type NodeExecutionHint,
	type IRunExecutionData,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

type CredentialClass = new () => ICredentialType;

/** Properties that n8n's base OAuth2 credential contributes to credentials that extend it. */
const OAUTH2_BASE_PROPERTIES: INodeProperties[] = [
	{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
	{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: '' },
	{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: '' },
	{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
	{
		displayName: 'Client Secret',
		name: 'clientSecret',
		type: 'string',
		default: '',
		typeOptions: { password: true },
	},
	{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
	{
		displayName: 'Auth URI Query Parameters',
		name: 'authQueryParameters',
		type: 'hidden',
		default: '',
	},
	{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
];

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export class TestCredentialsHelper extends ICredentialsHelper {
	readonly types = new Map<string, ICredentialType>();
	readonly store = new Map<string, StoredCredential>();
	/** Every call n8n would make to the credential's preAuthentication, in order. */
	readonly preAuthenticationCalls: Array<{ type: string; forced: boolean }> = [];

	constructor(credentialClasses: CredentialClass[]) {
		super();
		for (const Credential of credentialClasses) {
			const type = new Credential();
			this.types.set(type.name, type);
		}
	}

	add(type: string, data: ICredentialDataDecryptedObject, id = `${type}-1`): StoredCredential {
		const credentialType = this.getType(type);
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			if (property.default !== undefined) withDefaults[property.name] = property.default as never;
		}
		const stored = {
			id,
			name: `${credentialType.displayName} (test)`,
			type,
			data: { ...withDefaults, ...data },
		};
		this.store.set(id, stored);
		return stored;
	}

	private getType(type: string): ICredentialType {
		const credentialType = this.types.get(type);
		if (!credentialType) throw new Error(`Unknown credential type ${type}`);
		return credentialType;
	}

	getParentTypes(name: string): string[] {
		return this.types.get(name)?.extends ?? [];
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.getType(type);
		const parentProperties = credentialType.extends?.includes('oAuth2Api')
			? OAUTH2_BASE_PROPERTIES
			: [];
		const own = new Set(credentialType.properties.map((p) => p.name));
		return [...parentProperties.filter((p) => !own.has(p.name)), ...credentialType.properties];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			const resolve = (value: string) =>
				isExpression(value)
					? String(
							workflow.expression.getSimpleParameterValue(
								node,
								value,
								'internal',
								{ $credentials: credentials },
								undefined,
								'',
							) ?? '',
						)
					: value;
			const options = requestOptions as unknown as Record<string, Record<string, string>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					options[outerKey] ??= {};
					options[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.getType(typeName);
		const expirable = credentialType.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof credentialType.preAuthentication !== 'function') return undefined;
		// As n8n: the credential Test button runs a request through a temporary NoOp node whose
		// `temp` parameter is '', and that always runs preAuthentication.
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials)
			return undefined;
		this.preAuthenticationCalls.push({ type: typeName, forced: credentialsExpired });
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		if (nodeCredentials?.id) {
			const stored = this.store.get(nodeCredentials.id);
			if (stored) stored.data = { ...stored.data, ...(output as ICredentialDataDecryptedObject) };
		}
		return Object.assign(credentials, output);
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the nodes under test');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!stored || stored.type !== type)
			throw new Error(`No ${type} credential with id ${nodeCredentials.id}`);
		return structuredClone(stored.data);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (stored) stored.data = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (stored)
			stored.data = { ...stored.data, oauthTokenData: structuredClone(data.oauthTokenData) };
	}

	// Parameters of this signature are part of n8n's abstract class.
	async getCredentialsExpressionResolveValues?(_: ICredentialsExpressionResolveValues) {
		return undefined;
	}
}

export interface RuntimeOptions {
	credentials: CredentialClass[];
	/**
	 * n8n's WEBHOOK_URL + `/webhook` (what `getNodeWebhookUrl` builds production URLs from).
	 * Point it at a local server that forwards into `webhook()` to exercise real deliveries.
	 */
	webhookBaseUrl?: string;
	/** Id of the workflow the nodes run in (also the key of its static data). Default 'workflow'. */
	workflowId?: string;
}

export interface NodeRunOptions {
	parameters: INodeParameters;
	/** Credential type → id of a credential added to the runtime's helper. */
	credentials?: Record<string, string>;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	name?: string;
	typeVersion?: number;
	/** The execution's mode (what `getMode()` answers). Default 'manual'. */
	mode?: WorkflowExecuteMode;
}

/** One in-process n8n: node types, credentials, and the contexts n8n gives nodes. */
export class N8nRuntime {
	readonly credentialsHelper: TestCredentialsHelper;
	readonly staticData = new Map<string, IDataObject>();
	private readonly webhookBaseUrl: string;
	readonly workflowId: string;

	constructor(options: RuntimeOptions) {
		this.credentialsHelper = new TestCredentialsHelper(options.credentials);
		this.webhookBaseUrl = options.webhookBaseUrl ?? 'http://127.0.0.1:5678/webhook';
		this.workflowId = options.workflowId ?? 'workflow';
	}

	addCredential(type: string, data: ICredentialDataDecryptedObject, id?: string): string {
		return this.credentialsHelper.add(type, data, id).id;
	}

	credentialData(id: string): ICredentialDataDecryptedObject {
		const stored = this.credentialsHelper.store.get(id);
		if (!stored) throw new Error(`No credential ${id}`);
		return stored.data;
	}

	additionalData(): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not used here');
			},
			getRunExecutionData: async () => undefined,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			webhookBaseUrl: this.webhookBaseUrl,
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			variables: {},
			logAiEvent: () => undefined,
			startRunnerTask: async () => {
				throw new Error('task runners are not used here');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	workflow(nodeType: INodeType, node: INode, staticDataKey = this.workflowId): Workflow {
		const nodeTypes: INodeTypes = {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		};
		const workflow = new Workflow({
			id: staticDataKey,
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
			staticData: this.staticData.get(staticDataKey) ?? {},
		});
		this.staticData.set(staticDataKey, workflow.staticData);
		return workflow;
	}

	node(
		nodeType: INodeType,
		options: Pick<
			NodeRunOptions,
			'parameters' | 'credentials' | 'continueOnFail' | 'name' | 'typeVersion'
		>,
	): INode {
		const credentials: INode['credentials'] = {};
		for (const [type, id] of Object.entries(options.credentials ?? {})) {
			credentials[type] = { id, name: this.credentialsHelper.store.get(id)?.name ?? id };
		}
		const version = nodeType.description.version;
		return {
			id: 'node-under-test',
			name: options.name ?? nodeType.description.defaults.name ?? nodeType.description.displayName,
			type: `n8n-nodes-dialogporten.${nodeType.description.name}`,
			typeVersion:
				// Saved workflows are version 1 unless a test names another.
				options.typeVersion ?? (Array.isArray(version) ? version[0] : version),
			position: [0, 0],
			parameters: options.parameters,
			credentials,
			onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
		};
	}

	/** Runs `execute()` once, as n8n does for one node in a workflow run. Rejects with the node's error. */
	/** The execution hints (warnings in n8n's output pane) of the last `execute`. */
	lastHints: NodeExecutionHint[] = [];

	async execute(nodeType: INodeType, options: NodeRunOptions): Promise<INodeExecutionData[][]> {
		const node = this.node(nodeType, options);
		const workflow = this.workflow(nodeType, node);
		const items = options.items ?? [{ json: {} }];
		const inputData = { main: [items] };
		const runExecutionData: IRunExecutionData = createRunExecutionData();
		const executeData: IExecuteData = { node, data: inputData, source: null };
		const context = new ExecuteContext(
			workflow,
			node,
			this.additionalData(),
			options.mode ?? 'manual',
			runExecutionData,
			0,
			items,
			inputData,
			executeData,
			[],
		);
		if (!nodeType.execute) throw new Error(`${nodeType.description.name} has no execute()`);
		this.lastHints = context.hints;
		const output = await nodeType.execute.call(context);
		return output as INodeExecutionData[][];
	}

	/** Calls one of the node's `methods.loadOptions` or `methods.listSearch` functions. */
	loadOptionsContext(
		nodeType: INodeType,
		parameters: INodeParameters,
		credentials?: Record<string, string>,
	) {
		const node = this.node(nodeType, { parameters, credentials });
		const workflow = this.workflow(nodeType, node);
		return new LoadOptionsContext(workflow, node, this.additionalData(), '');
	}

	hookContext(
		nodeType: INodeType,
		options: Pick<NodeRunOptions, 'parameters' | 'credentials'>,
		webhookData: IWebhookData,
		activation: WorkflowActivateMode = 'activate',
		mode: WorkflowExecuteMode = 'trigger',
	) {
		const node = this.node(nodeType, options);
		const workflow = this.workflow(nodeType, node);
		return new HookContext(workflow, node, this.additionalData(), mode, activation, webhookData);
	}

	webhookContext(
		nodeType: INodeType,
		options: Pick<NodeRunOptions, 'parameters' | 'credentials'>,
		webhookData: IWebhookData,
		request: {
			body?: unknown;
			headers?: Record<string, string>;
			query?: Record<string, string>;
			/** The unparsed body, as n8n keeps it on `req.rawBody` (a Buffer). */
			rawBody?: Buffer;
			method?: string;
		},
	) {
		const node = this.node(nodeType, options);
		const workflow = this.workflow(nodeType, node);
		const additionalData = this.additionalData();
		const sent: { status?: number; body?: unknown } = {};
		additionalData.httpRequest = {
			method: request.method ?? 'POST',
			body: request.body,
			rawBody: request.rawBody,
			headers: request.headers ?? {},
			query: request.query ?? {},
			params: {},
		} as never;
		additionalData.httpResponse = {
			status(code: number) {
				sent.status = code;
				return this;
			},
			json(body: unknown) {
				sent.body = body;
				return this;
			},
			send(body: unknown) {
				sent.body = body;
				return this;
			},
			end() {
				return this;
			},
		} as never;
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		return { context, sent };
	}

	pollContext(
		nodeType: INodeType,
		options: Pick<NodeRunOptions, 'parameters' | 'credentials' | 'typeVersion'>,
		mode: WorkflowExecuteMode = 'trigger',
	) {
		const node = this.node(nodeType, options);
		const workflow = this.workflow(nodeType, node);
		return new PollContext(workflow, node, this.additionalData(), mode, 'activate');
	}
}

export type { Credentials };

/**
 * n8n's data de-duplication store in memory, with the semantics of n8n's own (DeduplicationHelper,
 * mode "entries"): one list of values per workflow and scope (`n:<node id>` or the workflow),
 * checked and extended in one call, the oldest dropped beyond `maxEntries`. Shared by every
 * runtime of the test process, as n8n's database is shared by every n8n process.
 */
export class InMemoryDeduplicator implements IDataDeduplicator {
	readonly entries = new Map<string, string[]>();
	/**
	 * Errors the next writes throw, one each, before recording anything: n8n's store on Postgres
	 * refuses the first write of a node's list when another process wrote it at the same instant.
	 */
	readonly refuseNext: Error[] = [];

	private key(scope: DeduplicationScope, context: ICheckProcessedContextData): string {
		return `${context.workflow.id}\u0000${scope === 'node' ? `n:${context.node?.id ?? ''}` : ''}`;
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		if (options.mode !== 'entries') throw new Error('only mode "entries" is modelled here');
		const refusal = this.refuseNext.shift();
		if (refusal) throw refusal;
		const key = this.key(scope, context);
		const stored = this.entries.get(key) ?? [];
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			if (stored.includes(String(item))) output.processed.push(item);
			else {
				output.new.push(item);
				stored.push(String(item));
			}
		}
		if (options.maxEntries) stored.splice(0, Math.max(0, stored.length - options.maxEntries));
		this.entries.set(key, stored);
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		const key = this.key(scope, context);
		const remove = new Set(items.map(String));
		this.entries.set(
			key,
			(this.entries.get(key) ?? []).filter((value) => !remove.has(value)),
		);
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		this.entries.delete(this.key(scope, context));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<number> {
		return this.entries.get(this.key(scope, context))?.length ?? 0;
	}
}

/** The process's de-duplication store (what n8n sets up at start-up from its database). */
export const deduplicationStore = new InMemoryDeduplicator();
void DataDeduplicationService.init(deduplicationStore);

// n8n-core's SSH tunnel manager starts a one-minute cleanup interval when the first context is
// built; unreference it so a test process can exit when its tests are done.
{
	const manager = Container.get(SSHClientsManager) as unknown as { cleanupTimer?: NodeJS.Timeout };
	manager.cleanupTimer?.unref();
}
