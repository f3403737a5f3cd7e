import { DateTime } from 'luxon';
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { ResourceTable } from '../actions/node.type';
import { parseOperationValue } from '../actions/resourceTable';
import { resources } from '../actions/resources';
import {
	apiRequest,
	readNodeParameter,
	RETURN_ALL_CAP,
	type AnyContext,
	type ReturnAllCap,
} from '../transport';
import type { AnyDialog, DialogportenApi } from './interfaces';
import { simplifyLocalizations, type OutputLanguage } from './simplify';
import { findUuid } from './uuid';
import { InputValidator } from './validation';

export const ENDUSER = '/api/v1/enduser';
export const SERVICEOWNER = '/api/v1/serviceowner';
export const FRONT_CHANNEL_EMBED_MARKDOWN =
	'application/vnd.dialogporten.frontchannelembed-url;type=text/markdown';

/** `/api/v1/enduser` or `/api/v1/serviceowner`. */
export function apiBase(api: DialogportenApi): string {
	return api === 'serviceowner' ? SERVICEOWNER : ENDUSER;
}

export function dialogPath(api: DialogportenApi, dialogId: string, suffix = ''): string {
	return `${apiBase(api)}/dialogs/${encodeURIComponent(dialogId)}${suffix}`;
}

export function validator(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	itemIndex: number,
): InputValidator {
	return new InputValidator(this.getNode(), itemIndex);
}

/** The API the node calls: version 1 has an API selector, in version 2 the operation names it. */
export function getApi(this: AnyContext, itemIndex = 0): DialogportenApi {
	if (this.getNode().typeVersion >= 2) return chosenOperation.call(this, itemIndex).api;
	return readNodeParameter.call(this, 'api', itemIndex) === 'serviceowner'
		? 'serviceowner'
		: 'enduser';
}

/** The chosen operation's name in its resource's table, and its API. */
export function chosenOperation(
	this: AnyContext,
	itemIndex = 0,
): { operation: string; api: DialogportenApi } {
	const resource = String(readNodeParameter.call(this, 'resource', itemIndex));
	const value = String(readNodeParameter.call(this, 'operation', itemIndex));
	if (this.getNode().typeVersion < 2)
		return { operation: value, api: getApi.call(this, itemIndex) };
	const tables: Record<string, ResourceTable> = resources;
	const table = Object.prototype.hasOwnProperty.call(tables, resource)
		? tables[resource]
		: undefined;
	return parseOperationValue(table, value) ?? { operation: value, api: 'enduser' };
}

/** Reads a resource locator's mode and value (a plain string is taken as the value). */
export function getLocatorValue(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): { value: string; mode: string } {
	const locator = this.getNodeParameter(name, itemIndex, '') as unknown;
	if (locator && typeof locator === 'object') {
		const { mode, value } = locator as IDataObject;
		return { value: String(value ?? '').trim(), mode: String(mode ?? '') };
	}
	return { value: String(locator ?? '').trim(), mode: '' };
}

/** The dialog ID of the `dialogId` resource locator, validated as a UUID. */
export function getDialogId(this: IExecuteFunctions, itemIndex: number, name = 'dialogId'): string {
	const { value } = getLocatorValue.call(this, name, itemIndex);
	const inUrl = /^https?:\/\//i.test(value) ? findUuid(value) : undefined;
	const candidate = inUrl ?? value;
	return validator.call(this, itemIndex).uuid(candidate, 'Dialog ID');
}

/** The party URN of the `party` resource locator; the "number" mode accepts an org or national ID number. */
export function getParty(this: IExecuteFunctions, itemIndex: number, name = 'party'): string {
	const { value, mode } = getLocatorValue.call(this, name, itemIndex);
	return validator.call(this, itemIndex).party(partyUrnFromInput(value, mode));
}

export function partyUrnFromInput(value: string, mode = ''): string {
	const compact = value.replace(/\s+/g, '');
	if (mode === 'number' || /^\d{9}$|^\d{11}$/.test(compact)) {
		if (/^\d{9}$/.test(compact)) return `urn:altinn:organization:identifier-no:${compact}`;
		if (/^\d{11}$/.test(compact)) return `urn:altinn:person:identifier-no:${compact}`;
	}
	return value;
}

/** Converts a date parameter to ISO 8601 with an explicit offset (the API rejects dates without one). */
export function toApiDateTime(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let date: DateTime;
	if (DateTime.isDateTime(value)) date = value;
	else if (value instanceof Date) date = DateTime.fromJSDate(value);
	else date = DateTime.fromISO(String(value).trim(), { zone: this.getTimezone(), setZone: true });
	if (!date.isValid) {
		validator
			.call(this, itemIndex)
			.fail(
				`${label} "${String(value)}" is not a valid date and time`,
				'Use ISO 8601, e.g. 2025-01-31T08:00:00Z.',
			);
	}
	return date.toISO({ suppressMilliseconds: true }) ?? undefined;
}

/** The response `Etag` as a bare revision UUID. */
export function etagOf(headers: Record<string, string> | undefined): string | null {
	const raw = headers?.etag;
	if (!raw) return null;
	return raw.replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** The JSON string body of a 201 (the new entity's ID). */
export function createdIdOf(body: unknown): string | null {
	if (typeof body === 'string') return body.replace(/^"|"$/g, '');
	if (body && typeof body === 'object' && 'id' in body) return String((body as IDataObject).id);
	return null;
}

export interface SimplifyOptions {
	simplify: boolean;
	language: OutputLanguage;
}

/** Reads the node's `simplify` and `outputLanguage` parameters for an item. */
export function getSimplifyOptions(this: IExecuteFunctions, itemIndex: number): SimplifyOptions {
	const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;
	const language = this.getNodeParameter('outputLanguage', itemIndex, 'nb') as OutputLanguage;
	return { simplify, language: (['nb', 'nn', 'en'] as const).includes(language) ? language : 'nb' };
}

export function shapeOutput<T>(data: T, options: SimplifyOptions): T {
	return options.simplify ? simplifyLocalizations(data, options.language) : data;
}

/** Wraps results as n8n items paired with the input item they came from. */
export function toItems(
	data: IDataObject | IDataObject[],
	itemIndex: number,
): INodeExecutionData[] {
	const list = Array.isArray(data) ? data : [data];
	return list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

export async function fetchDialog(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	api: DialogportenApi,
	dialogId: string,
	itemIndex?: number,
	qs?: IDataObject,
): Promise<AnyDialog> {
	return (await apiRequest.call(this, {
		api,
		method: 'GET',
		path: dialogPath(api, dialogId),
		qs: qs as Record<string, string>,
		itemIndex,
	})) as AnyDialog;
}

/** Removes keys whose value is undefined, '' or an empty list, so optional fields are left out. */
export function compact<T extends IDataObject>(object: T): T {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
			continue;
		result[key] = value;
	}
	return result as T;
}

/** How far a search reads: a Limit, or Return All up to its cap (the fields of actions/common.descriptions.ts `returnAllFields`). */
export function readPaging(
	this: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
): { maxItems: number } | { cap: ReturnAllCap } {
	if (!(this.getNodeParameter('returnAll', itemIndex, false) as boolean)) {
		return {
			maxItems: check.integer(this.getNodeParameter('limit', itemIndex, 50), 'Limit', 1, 1_000_000),
		};
	}
	const items = check.integer(
		this.getNodeParameter('returnAllCap', itemIndex, RETURN_ALL_CAP),
		'Return All Cap',
		1,
		Number.MAX_SAFE_INTEGER,
	);
	const whenReached = check.oneOf(
		this.getNodeParameter('whenCapReached', itemIndex, 'error'),
		['error', 'output'] as const,
		'When the Cap Is Reached',
	);
	return { cap: { items, whenReached } };
}
