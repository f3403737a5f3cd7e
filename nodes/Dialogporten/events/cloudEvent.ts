import type { IDataObject } from 'n8n-workflow';
import { findUuid } from '../helpers/uuid';

export interface CloudEvent extends IDataObject {
	specversion: string;
	id: string;
	type: string;
	source: string;
	time?: string;
	resource?: string;
	resourceinstance?: string;
	subject?: string;
	data?: IDataObject;
}

function nonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value !== '';
}

/** The four attributes CloudEvents 1.0 requires, all non-empty strings. */
export function isCloudEvent(value: unknown): value is CloudEvent {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const event = value as Record<string, unknown>;
	return (
		nonEmptyString(event.specversion) &&
		nonEmptyString(event.id) &&
		nonEmptyString(event.type) &&
		nonEmptyString(event.source)
	);
}

/**
 * The CloudEvent in a webhook request. n8n parses `application/json` bodies itself (that is what
 * Altinn Events sends); other content types such as `application/cloudevents+json` arrive
 * unparsed, so the raw body is read as JSON too.
 */
export function readCloudEvent(body: unknown, rawBody: unknown): CloudEvent | undefined {
	if (isCloudEvent(body)) return body;
	let text: string | undefined;
	if (typeof body === 'string') text = body;
	else if (rawBody instanceof Uint8Array) text = Buffer.from(rawBody).toString('utf8');
	else if (typeof rawBody === 'string') text = rawBody;
	if (text === undefined || text.trim() === '') return undefined;
	try {
		const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
		return isCloudEvent(parsed) ? parsed : undefined;
	} catch {
		// Not JSON at all: the caller answers 400, which is the outcome for any non-CloudEvent body.
		return undefined;
	}
}

function segmentAfter(source: string, marker: string): string | undefined {
	const index = source.indexOf(marker);
	if (index === -1) return undefined;
	return findUuid(source.slice(index + marker.length));
}

/**
 * The item a trigger emits for one Dialogporten event: the CloudEvent unchanged, plus the fields
 * workflows need most, named as in the Dialogporten API (`transmissionId` is only in `source`).
 */
export function eventToItemJson(event: CloudEvent): IDataObject {
	const json: IDataObject = { ...event };
	if (nonEmptyString(event.resourceinstance)) json.dialogId = event.resourceinstance;
	if (nonEmptyString(event.resource)) json.serviceResource = event.resource;
	if (nonEmptyString(event.subject)) json.party = event.subject;
	const data = typeof event.data === 'object' && event.data !== null ? event.data : undefined;
	if (data && nonEmptyString(data.activityId)) json.activityId = data.activityId;
	else {
		const activityId = segmentAfter(event.source, '/activities/');
		if (activityId) json.activityId = activityId;
	}
	const transmissionId = segmentAfter(event.source, '/transmissions/');
	if (transmissionId) json.transmissionId = transmissionId;
	return json;
}
