import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
	return raw === undefined ? this.getNodeParameter(name, '') : raw;
}

/** The dialog ID currently set in the node (any resource locator mode), or undefined. */
export function currentDialogId(this: ILoadOptionsFunctions): string | undefined {
	const raw = currentParameter.call(this, 'dialogId');
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	return findUuid(String(value ?? ''))?.toLowerCase();
}

export async function currentDialog(this: ILoadOptionsFunctions): Promise<AnyDialog> {
	const dialogId = currentDialogId.call(this);
	if (!dialogId) {
		throw new NodeOperationError(this.getNode(), 'Choose a dialog first', {
			description: 'The list depends on the dialog; pick one above (or enter its ID).',
		});
	}
	return await fetchDialog.call(this, getApi.call(this), dialogId);
}

export function currentLanguage(this: ILoadOptionsFunctions): OutputLanguage {
	const value = String(currentParameter.call(this, 'outputLanguage') || 'nb');
	return value === 'en' || value === 'nn' ? value : 'nb';
}
