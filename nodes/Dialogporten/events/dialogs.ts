import type { IDataObject } from 'n8n-workflow';
import { apiRequest, httpStatusOf } from '../transport';
import { CREDENTIAL_TYPE, type TriggerContext } from './eventsApi';

export type DialogFetchResult = { dialog: IDataObject } | { error: IDataObject };

/**
 * The dialog an event is about. A failure does not lose the event: the caller emits it with the
 * error instead (the dialog may be deleted, or the credential may lack the Dialogporten scope).
 */
export async function dialogOfEvent(
	this: TriggerContext,
	dialogId: string,
	as: 'serviceOwner' | 'endUser',
): Promise<DialogFetchResult> {
	const api = as === 'serviceOwner' ? 'serviceowner' : 'enduser';
	try {
		const dialog = (await apiRequest.call(this, {
			api,
			auth: CREDENTIAL_TYPE,
			method: 'GET',
			path: `/api/v1/${api}/dialogs/${encodeURIComponent(dialogId)}`,
		})) as IDataObject;
		return { dialog };
	} catch (error) {
		const status = httpStatusOf(error);
		const failure: IDataObject = { message: (error as Error).message };
		if (status !== undefined) failure.httpCode = status;
		const description = (error as { description?: unknown }).description;
		if (typeof description === 'string' && description !== '') failure.description = description;
		return { error: failure };
	}
}
