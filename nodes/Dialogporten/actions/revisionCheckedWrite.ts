/**
 * A write Dialogporten checks against a revision: the If-Match the user chose with the revision
 * fields (none, a given revision, or the current one read from the dialog first), the request,
 * and the dialog's new revision from the response's Etag.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
} from 'n8n-workflow';

import { revisionHints } from '../helpers/errorMessages';
import type { AnyDialog, DialogportenApi } from '../helpers/interfaces';
import { createdIdOf, dialogPath, etagOf, fetchDialog, toItems, validator } from '../helpers/utils';
import { apiRequest, type FullResponse, type QueryParameters } from '../transport';

/** Which revision If-Match carries: the dialog's, or its end-user or service-owner context's. */
export type RevisionSource = 'dialog' | 'endUserContext' | 'serviceOwnerContext';

export interface RevisionCheckedWrite {
	/** Default: the service owner API. */
	api?: DialogportenApi;
	dialogId: string;
	method: IHttpRequestMethods;
	/** Appended to the dialog's path, e.g. `/transmissions`. */
	path?: string;
	qs?: QueryParameters;
	body?: unknown;
	headers?: IDataObject;
	/** Which revision the revision fields refer to. Default: the dialog's. */
	revisionOf?: RevisionSource;
	/** The If-Match value, when the operation has resolved it itself. */
	ifMatch?: { value: string | undefined };
	/** Hints for other statuses than a revision mismatch. */
	errorHints?: Partial<Record<number, string>>;
}

export function revisionOf(dialog: AnyDialog, source: RevisionSource): string | null {
	if (source === 'endUserContext') return dialog.endUserContext?.revision ?? null;
	if (source === 'serviceOwnerContext') {
		return (
			(dialog as { serviceOwnerContext?: { revision?: string } }).serviceOwnerContext?.revision ??
			null
		);
	}
	return dialog.revision ?? null;
}

/**
 * The If-Match value of a write: nothing, a revision given by the user, or the current one read
 * from the dialog first (the dialog's revision, or its end-user / service-owner context revision).
 */
export async function resolveIfMatch(
	this: IExecuteFunctions,
	api: DialogportenApi,
	dialogId: string,
	itemIndex: number,
	source: RevisionSource = 'dialog',
): Promise<string | undefined> {
	const mode = this.getNodeParameter('ifMatch', itemIndex, 'none') as string;
	if (mode === 'none' || !mode) return undefined;
	if (mode === 'revision') {
		return validator
			.call(this, itemIndex)
			.uuid(this.getNodeParameter('revision', itemIndex, ''), 'Revision');
	}
	if (mode !== 'latest') validator.call(this, itemIndex).fail(`Unknown revision check "${mode}"`);
	const dialog = await fetchDialog.call(this, api, dialogId, itemIndex);
	return revisionOf(dialog, source) ?? undefined;
}

/** Sends the write with the chosen If-Match; resolves to the new revision and the response body. */
export async function writeWithRevision(
	this: IExecuteFunctions,
	itemIndex: number,
	write: RevisionCheckedWrite,
): Promise<{ revision: string | null; body: unknown }> {
	const api = write.api ?? 'serviceowner';
	const ifMatch = write.ifMatch
		? write.ifMatch.value
		: await resolveIfMatch.call(this, api, write.dialogId, itemIndex, write.revisionOf);
	const response = (await apiRequest.call(this, {
		api,
		method: write.method,
		path: dialogPath(api, write.dialogId, write.path),
		qs: write.qs,
		body: write.body,
		headers: { ...write.headers, ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
		errorHints: { ...revisionHints(ifMatch), ...write.errorHints },
		itemIndex,
		returnFullResponse: true,
	})) as FullResponse;
	return { revision: etagOf(response.headers), body: response.body };
}

/**
 * Adds an entry to a dialog's list (`/activities`, `/transmissions`) as a revision-checked write;
 * the item says what was created and the dialog's new revision.
 */
export async function createDialogEntry(
	this: IExecuteFunctions,
	itemIndex: number,
	dialogId: string,
	path: string,
	body: unknown,
): Promise<INodeExecutionData[]> {
	const created = await writeWithRevision.call(this, itemIndex, {
		dialogId,
		method: 'POST',
		path,
		body,
	});
	return toItems(
		{ id: createdIdOf(created.body), dialogId, revision: created.revision },
		itemIndex,
	);
}
