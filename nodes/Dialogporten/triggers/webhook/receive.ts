import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { readCloudEvent, eventToItemJson, type CloudEvent } from '../../events/cloudEvent';
import { dedupeMemoryKey, EventIdWindow } from '../../events/dedupe';
import { isSelectedType, VALIDATION_EVENT_TYPE } from '../../events/eventTypes';
import { dialogOfEvent } from '../../events/dialogs';
import { SECRET_QUERY_PARAMETER, storedState } from './lifecycle';
import { readEventsTriggerParameters } from './parameters';
import { secretMatchesHash } from './secret';

const HOUR_MS = 60 * 60 * 1000;

function reply(this: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	this.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * Handles one POST from Altinn Events. Nothing but a verified, selected, new Dialogporten event
 * starts an execution; everything Altinn should not retry gets a 2xx at once.
 */
export async function receiveEvent(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const staticData = this.getWorkflowStaticData('node');
	const { secretHash } = storedState(staticData);
	const query = this.getQueryData() as IDataObject;
	if (!secretHash) {
		// The workflow is being activated and its secret is not saved yet: a non-2xx makes Altinn retry.
		return reply.call(this, 503, { message: 'Subscription is being set up, try again' });
	}
	if (!secretMatchesHash(secretHash, query[SECRET_QUERY_PARAMETER])) {
		return reply.call(this, 401, { message: 'Unauthorized' });
	}

	const request = this.getRequestObject();
	const event = readCloudEvent(this.getBodyData(), (request as { rawBody?: unknown }).rawBody);
	if (!event) {
		return reply.call(this, 400, {
			message: 'Expected a CloudEvent (specversion, id, type and source)',
		});
	}
	if (event.type === VALIDATION_EVENT_TYPE) {
		return { webhookResponse: { message: 'Subscription validated' } };
	}

	const parameters = readEventsTriggerParameters.call(this);
	if (!isSelectedType(parameters.types, event.type)) {
		return { webhookResponse: { message: 'Event type not selected, ignored' } };
	}
	const window = new EventIdWindow(
		staticData,
		parameters.dedupeWindowHours * HOUR_MS,
		Date.now(),
		dedupeMemoryKey(this.getWorkflow().id, this.getNode().name),
	);
	if (window.has(event.id)) {
		return { webhookResponse: { message: 'Event already received, ignored' } };
	}
	window.add(event.id);
	window.save();

	const json = eventToItemJson(event);
	if (parameters.fetchDialog !== 'none')
		await addDialog.call(this, json, event, parameters.fetchDialog);
	return { workflowData: [[{ json }]] };
}

async function addDialog(
	this: IWebhookFunctions,
	json: IDataObject,
	event: CloudEvent,
	as: 'serviceOwner' | 'endUser',
): Promise<void> {
	if (typeof event.resourceinstance !== 'string' || event.resourceinstance === '') return;
	const result = await dialogOfEvent.call(this, event.resourceinstance, as);
	if ('dialog' in result) json.dialog = result.dialog;
	else json.dialogError = result.error;
}
