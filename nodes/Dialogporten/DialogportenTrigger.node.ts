import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { credentialTest } from './methods';
import { eventsTriggerProperties } from './triggers/webhook/description';
import {
	createSubscriptions,
	deleteSubscriptions,
	subscriptionsExist,
} from './triggers/webhook/lifecycle';
import { passNewEvents } from './triggers/webhook/execute';
import { receiveEvent } from './triggers/webhook/receive';

/**
 * Altinn Events pushes Dialogporten events to this node's webhook. It is named after the
 * Dialogporten node so that n8n's node creator lists it under that node's Triggers.
 */
export class DialogportenTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dialogporten Trigger',
		name: 'dialogportenTrigger',
		icon: { light: 'file:dialogportenEvents.svg', dark: 'file:dialogportenEvents.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["serviceResource"]}}',
		description: 'Starts the workflow when Altinn Events delivers a Dialogporten event',
		defaults: { name: 'Dialogporten Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'maskinportenApi', required: true, testedBy: 'maskinportenApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Altinn counts a slow answer as a failed delivery and retries it, so answer at once.
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: eventsTriggerProperties,
	};

	methods = { credentialTest };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionsExist.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscriptions.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscriptions.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveEvent.call(this);
	}

	// n8n runs this first in the execution a delivery started (on a worker in queue mode): an event
	// that n8n's shared de-duplication store already holds goes no further.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await passNewEvents.call(this);
	}
}
