import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { eventToItemJson, isCloudEvent, type CloudEvent } from '../../../events/cloudEvent';
import { dialogOfEvent } from '../../../events/dialogs';
import { dedupeMemoryKey, EventIdWindow } from '../../../events/dedupe';
import { isSelectedType } from '../../../events/eventTypes';
import { assertAltinnTokenExchange, credentialFacts, queryEvents } from '../../../events/eventsApi';
import type { PollingParameters } from '../parameters';

/** Altinn Events' largest page. */
export const EVENTS_PAGE_SIZE = 1000;
/** Pages read in one poll; a longer backlog continues at the next poll from the saved cursor. */
export const MAX_EVENT_PAGES_PER_POLL = 50;
/** Pages read for a manual test run, which only shows the newest event. */
export const MAX_EVENT_PAGES_MANUAL = 20;
const HOUR_MS = 60 * 60 * 1000;

/**
 * Cursor state in the node's static data. `after` is the id of the last event read (Altinn's
 * `after` query). While `skipBefore` is set, the trigger is still reading the history that existed
 * at activation and emits only events that happened after that moment.
 */
interface EventsCursor {
	after?: string;
	skipBefore?: string;
}

function readCursor(staticData: IDataObject): EventsCursor {
	const cursor: EventsCursor = {};
	if (typeof staticData.after === 'string' && staticData.after !== '')
		cursor.after = staticData.after;
	if (typeof staticData.skipBefore === 'string' && staticData.skipBefore !== '')
		cursor.skipBefore = staticData.skipBefore;
	return cursor;
}

function happenedBefore(event: CloudEvent, isoTime: string): boolean {
	const time = typeof event.time === 'string' ? Date.parse(event.time) : NaN;
	// An event without a readable time cannot be placed after activation, so it counts as history.
	return Number.isNaN(time) || time < Date.parse(isoTime);
}

async function readPage(
	this: IPollFunctions,
	parameters: PollingParameters,
	after: string,
): Promise<{ events: CloudEvent[]; next: string }> {
	const page = await queryEvents.call(this, {
		resource: parameters.resource,
		subject: parameters.party,
		types: parameters.types === 'all' ? undefined : parameters.types,
		after,
		size: EVENTS_PAGE_SIZE,
	});
	const events = page.events.filter(isCloudEvent);
	const last = events.length > 0 ? events[events.length - 1].id : undefined;
	return { events, next: page.nextAfter ?? last ?? after };
}

async function toItems(
	this: IPollFunctions,
	parameters: PollingParameters,
	events: CloudEvent[],
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	for (const event of events) {
		const json = eventToItemJson(event);
		if (parameters.fetchDialog !== 'none' && typeof event.resourceinstance === 'string') {
			const result = await dialogOfEvent.call(this, event.resourceinstance, parameters.fetchDialog);
			if ('dialog' in result) json.dialog = result.dialog;
			else json.dialogError = result.error;
		}
		items.push({ json });
	}
	return items;
}

/** A manual run shows the newest matching event without moving the cursor. */
async function pollManual(
	this: IPollFunctions,
	parameters: PollingParameters,
): Promise<INodeExecutionData[][] | null> {
	let after = readCursor(this.getWorkflowStaticData('node')).after ?? '0';
	let newest: CloudEvent | undefined;
	for (let page = 0; page < MAX_EVENT_PAGES_MANUAL; page++) {
		const { events, next } = await readPage.call(this, parameters, after);
		const selected = events.filter((event) => isSelectedType(parameters.types, event.type));
		if (selected.length > 0) newest = selected[selected.length - 1];
		if (events.length === 0 || next === after) break;
		after = next;
	}
	if (!newest) return null;
	return [await toItems.call(this, parameters, [newest])];
}

export async function pollEvents(
	this: IPollFunctions,
	parameters: PollingParameters,
): Promise<INodeExecutionData[][] | null> {
	assertAltinnTokenExchange.call(this, await credentialFacts.call(this));
	if (this.getMode() === 'manual') return await pollManual.call(this, parameters);

	const staticData = this.getWorkflowStaticData('node');
	const cursor = readCursor(staticData);
	let after = cursor.after ?? '0';
	// First activation: read past the history instead of emitting up to 90 days of it.
	if (cursor.after === undefined && !parameters.replayHistory)
		cursor.skipBefore = new Date().toISOString();
	const window = new EventIdWindow(
		staticData,
		parameters.dedupeWindowHours * HOUR_MS,
		Date.now(),
		dedupeMemoryKey(this.getWorkflow().id, this.getNode().name),
	);
	const emit: CloudEvent[] = [];
	let caughtUp = false;
	for (let page = 0; page < MAX_EVENT_PAGES_PER_POLL; page++) {
		const { events, next } = await readPage.call(this, parameters, after);
		for (const event of events) {
			if (cursor.skipBefore && happenedBefore(event, cursor.skipBefore)) continue;
			if (!isSelectedType(parameters.types, event.type)) continue;
			if (window.has(event.id)) continue;
			window.add(event.id);
			emit.push(event);
		}
		// An empty page is the only sure end: Altinn may return short pages when it filters events
		// the caller is not authorized for.
		if (events.length === 0 || next === after) {
			caughtUp = true;
			break;
		}
		after = next;
	}

	this.logger.debug('Dialogporten polling trigger: Altinn Events read', {
		cursorBefore: cursor.after ?? null,
		cursorAfter: after,
		skipBefore: cursor.skipBefore ?? null,
		caughtUp,
		emitted: emit.length,
	});
	staticData.after = after;
	if (caughtUp || !cursor.skipBefore) delete staticData.skipBefore;
	else staticData.skipBefore = cursor.skipBefore;
	if (emit.length > 0) window.save();
	if (emit.length === 0) return null;
	return [await toItems.call(this, parameters, emit)];
}
