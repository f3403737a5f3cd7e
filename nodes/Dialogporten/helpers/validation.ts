/**
 * Input checks that run before any request, so a typo becomes a clear NodeOperationError on the
 * item instead of a round trip and a server-side 400.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import type {
	ActivityType,
	ActorType,
	AttachmentConsumerType,
	DeletedFilter,
	DialogStatus,
	DialogStatusInput,
	GuiActionPriority,
	HttpVerb,
	JsonPatchOperation,
	NotificationConditionType,
	SystemLabel,
	TransmissionType,
} from './interfaces';
import { isUuid } from './uuid';

// The enum values of the pinned OpenAPI document (a unit test compares them with the spec).
export const DIALOG_STATUSES = [
	'InProgress',
	'Draft',
	'RequiresAttention',
	'Completed',
	'NotApplicable',
	'Awaiting',
] as const satisfies readonly DialogStatus[];
export const DIALOG_STATUS_INPUTS = [
	'New',
	'InProgress',
	'Draft',
	'Sent',
	'RequiresAttention',
	'Completed',
	'NotApplicable',
	'Awaiting',
] as const satisfies readonly DialogStatusInput[];
export const SYSTEM_LABELS = [
	'Default',
	'Bin',
	'Archive',
	'MarkedAsUnopened',
	'Sent',
] as const satisfies readonly SystemLabel[];
export const ACTIVITY_TYPES = [
	'DialogCreated',
	'DialogClosed',
	'Information',
	'TransmissionOpened',
	'PaymentMade',
	'SignatureProvided',
	'DialogOpened',
	'DialogDeleted',
	'DialogRestored',
	'SentToSigning',
	'SentToFormFill',
	'SentToSendIn',
	'SentToPayment',
	'FormSubmitted',
	'FormSaved',
	'CorrespondenceOpened',
	'CorrespondenceConfirmed',
] as const satisfies readonly ActivityType[];
export const TRANSMISSION_TYPES = [
	'Information',
	'Acceptance',
	'Rejection',
	'Request',
	'Alert',
	'Decision',
	'Submission',
	'Correction',
] as const satisfies readonly TransmissionType[];
export const ACTOR_TYPES = [
	'PartyRepresentative',
	'ServiceOwner',
] as const satisfies readonly ActorType[];
export const HTTP_VERBS = [
	'GET',
	'POST',
	'PUT',
	'PATCH',
	'DELETE',
	'HEAD',
	'OPTIONS',
	'TRACE',
	'CONNECT',
] as const satisfies readonly HttpVerb[];
export const DELETED_FILTERS = [
	'Exclude',
	'Include',
	'Only',
] as const satisfies readonly DeletedFilter[];
export const GUI_ACTION_PRIORITIES = [
	'Primary',
	'Secondary',
	'Tertiary',
] as const satisfies readonly GuiActionPriority[];
export const CONSUMER_TYPES = ['Gui', 'Api'] as const satisfies readonly AttachmentConsumerType[];
export const NOTIFICATION_CONDITION_TYPES = [
	'NotExists',
	'Exists',
] as const satisfies readonly NotificationConditionType[];
export const JSON_PATCH_OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;
export const ORDER_BY_FIELDS = ['createdAt', 'updatedAt', 'contentUpdatedAt', 'dueAt'] as const;

const PARTY_URN =
	/^urn:altinn:(person:identifier-no:\d{11}|organization:identifier-no:\d{9}|person:legacy-selfidentified:.+|person:idporten-email:[^@\s]+@[^@\s]+)$/;
const RESOURCE_URN = /^urn:altinn:resource:[A-Za-z0-9_.-]+$/;

export class InputValidator {
	constructor(
		private readonly node: INode,
		private readonly itemIndex: number,
	) {}

	fail(message: string, description?: string): never {
		throw new NodeOperationError(this.node, message, { itemIndex: this.itemIndex, description });
	}

	uuid(value: unknown, label: string): string {
		const text = String(value ?? '').trim();
		if (!text) this.fail(`${label} is required`);
		if (!isUuid(text)) {
			this.fail(
				`${label} "${text}" is not a valid UUID`,
				'Expected the form 01913cd5-784f-7d3b-abef-4c77b1f0972d.',
			);
		}
		return text.toLowerCase();
	}

	optionalUuid(value: unknown, label: string): string | undefined {
		const text = String(value ?? '').trim();
		return text ? this.uuid(text, label) : undefined;
	}

	/** A party URN, or an organization (9 digits) or national identity number (11) made into one. */
	party(value: unknown, label = 'Party'): string {
		let text = String(value ?? '').trim();
		if (!text) this.fail(`${label} is required`);
		const digits = text.replace(/\s+/g, '');
		if (/^\d{9}$/.test(digits)) text = `urn:altinn:organization:identifier-no:${digits}`;
		else if (/^\d{11}$/.test(digits)) text = `urn:altinn:person:identifier-no:${digits}`;
		if (!PARTY_URN.test(text)) {
			this.fail(
				`${label} "${text}" is not a valid party URN`,
				'Use an organization number (9 digits), a national identity number (11 digits), urn:altinn:organization:identifier-no:<organization number> or urn:altinn:person:identifier-no:<national identity number>.',
			);
		}
		return text;
	}

	parties(values: unknown, label = 'Party'): string[] {
		return this.list(values).map((value) => this.party(value, label));
	}

	serviceResource(value: unknown, label = 'Service Resource'): string {
		const text = String(value ?? '').trim();
		if (!text) this.fail(`${label} is required`);
		if (!RESOURCE_URN.test(text)) {
			this.fail(
				`${label} "${text}" is not a valid resource URN`,
				'Use urn:altinn:resource:<resource identifier>.',
			);
		}
		return text;
	}

	serviceResources(values: unknown, label = 'Service Resource'): string[] {
		return this.list(values).map((value) => this.serviceResource(value, label));
	}

	oneOf<T extends string>(value: unknown, allowed: readonly T[], label: string): T {
		const text = String(value ?? '').trim();
		if (!allowed.includes(text as T)) {
			this.fail(
				`${label} "${text}" is not one of the allowed values`,
				`Allowed: ${allowed.join(', ')}.`,
			);
		}
		return text as T;
	}

	optionalOneOf<T extends string>(
		value: unknown,
		allowed: readonly T[],
		label: string,
	): T | undefined {
		const text = String(value ?? '').trim();
		return text ? this.oneOf(text, allowed, label) : undefined;
	}

	manyOf<T extends string>(values: unknown, allowed: readonly T[], label: string): T[] {
		return this.list(values).map((value) => this.oneOf(value, allowed, label));
	}

	/** Accepts an array, a single value, or a comma-separated string; drops empty entries. */
	list(values: unknown): string[] {
		if (values === undefined || values === null || values === '') return [];
		const flat: unknown[] = Array.isArray(values) ? values.flat(2) : [values];
		const result: string[] = [];
		for (const value of flat) {
			if (value === undefined || value === null) continue;
			for (const part of String(value).split(',')) {
				const trimmed = part.trim();
				if (trimmed) result.push(trimmed);
			}
		}
		return result;
	}

	url(value: unknown, label: string): string {
		const text = String(value ?? '').trim();
		if (!text) this.fail(`${label} is required`);
		let parsed: URL;
		try {
			parsed = new URL(text);
		} catch {
			this.fail(`${label} "${text}" is not a valid URL`);
		}
		if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
			this.fail(`${label} "${text}" must be an http or https URL`);
		}
		return text;
	}

	integer(value: unknown, label: string, min: number, max: number): number {
		const number = Number(value);
		if (!Number.isInteger(number) || number < min || number > max) {
			this.fail(`${label} must be a whole number from ${min} to ${max}`);
		}
		return number;
	}

	/** Parses JSON given as text (or passes objects through), requiring the expected shape. */
	json<T = IDataObject>(
		value: unknown,
		label: string,
		shape: 'object' | 'array' | 'any' = 'object',
	): T {
		let parsed: unknown = value;
		if (typeof value === 'string') {
			if (!value.trim()) this.fail(`${label} is empty`);
			try {
				parsed = jsonParse(value);
			} catch (error) {
				this.fail(`${label} is not valid JSON`, (error as Error).message);
			}
		}
		if (
			shape === 'object' &&
			(parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
		) {
			this.fail(`${label} must be a JSON object`);
		}
		if (shape === 'array' && !Array.isArray(parsed)) this.fail(`${label} must be a JSON array`);
		return parsed as T;
	}

	/** RFC 6902: ops, JSON Pointer paths, `value` for add/replace/test, `from` for move/copy. */
	jsonPatch(value: unknown): JsonPatchOperation[] {
		const operations = this.json<unknown[]>(value, 'JSON Patch', 'array');
		if (operations.length === 0) this.fail('JSON Patch has no operations');
		operations.forEach((operation, index) => {
			const where = `JSON Patch operation ${index + 1}`;
			if (!operation || typeof operation !== 'object' || Array.isArray(operation))
				this.fail(`${where} must be an object`);
			const { op, path, from } = operation as Record<string, unknown>;
			if (!JSON_PATCH_OPS.includes(op as (typeof JSON_PATCH_OPS)[number])) {
				this.fail(
					`${where} has an invalid "op" (${JSON.stringify(op)})`,
					`Allowed: ${JSON_PATCH_OPS.join(', ')}.`,
				);
			}
			if (typeof path !== 'string' || !(path === '' || path.startsWith('/'))) {
				this.fail(`${where} needs a "path" that is a JSON Pointer such as /status`);
			}
			if (
				(op === 'add' || op === 'replace' || op === 'test') &&
				!('value' in (operation as object))
			) {
				this.fail(`${where} ("${op}") needs a "value"`);
			}
			if ((op === 'move' || op === 'copy') && (typeof from !== 'string' || !from.startsWith('/'))) {
				this.fail(`${where} ("${op}") needs a "from" JSON Pointer`);
			}
			const allowed = new Set(['op', 'path', 'value', 'from']);
			const extra = Object.keys(operation as object).filter((key) => !allowed.has(key));
			if (extra.length) this.fail(`${where} has unknown fields: ${extra.join(', ')}`);
		});
		return operations as JsonPatchOperation[];
	}
}
