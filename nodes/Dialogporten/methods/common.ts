import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import type { AnyDialog } from '../helpers/interfaces';
import type { OutputLanguage } from '../helpers/simplify';
import { fetchDialog, getApi } from '../helpers/utils';
import { findUuid } from '../helpers/uuid';

/** A parameter as currently set in the editor, else as saved on the node. */
export function currentParameter(this: ILoadOptionsFunctions, name: string): unknown {
	let raw: unknown;
	try {
		raw = this.getCurrentNodeParameter(name);
	} catch {
		raw = undefined;
	}
	if (raw !== undefined) return raw;
	try {
		return this.getNodeParameter(name, '');
	} catch {
		// An expression the editor cannot resolve without input data (e.g. {{ $json.id }}).
		return undefined;
	}
}

/** The dialog ID currently set in the node (any resource locator mode), or undefined. */
export function currentDialogId(this: ILoadOptionsFunctions): string | undefined {
	const raw = currentParameter.call(this, 'dialogId');
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	return findUuid(String(value ?? ''))?.toLowerCase();
}

/**
 * The dialog chosen in the node, or undefined while none is chosen (or it is an expression the
 * editor cannot resolve): dependent lists are then empty, as n8n's own dependent dropdowns are,
 * instead of showing an error before the person has made a choice.
 */
export async function currentDialog(this: ILoadOptionsFunctions): Promise<AnyDialog | undefined> {
	const dialogId = currentDialogId.call(this);
	if (!dialogId) return undefined;
	return await fetchDialog.call(this, getApi.call(this), dialogId);
}

export function currentLanguage(this: ILoadOptionsFunctions): OutputLanguage {
	const value = String(currentParameter.call(this, 'outputLanguage') || 'nb');
	return value === 'en' || value === 'nn' ? value : 'nb';
}
