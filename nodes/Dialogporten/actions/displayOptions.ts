import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** `target` with `source` merged in, deeply, into fresh objects and lists (lists by index). */
function merged(target: unknown, source: unknown): unknown {
	if (Array.isArray(source)) {
		const out = Array.isArray(target) ? target.map((v) => merged(undefined, v)) : [];
		source.forEach((value, index) => (out[index] = merged(out[index], value)));
		return out;
	}
	if (isPlain(source)) {
		const out: Plain = {};
		if (isPlain(target))
			for (const [key, value] of Object.entries(target)) out[key] = merged(undefined, value);
		for (const [key, value] of Object.entries(source)) out[key] = merged(out[key], value);
		return out;
	}
	return source === undefined ? target : source;
}

/**
 * The properties with `displayOptions` merged into each one's own, as n8n-workflow's
 * updateDisplayOptions does. Written here because that one deep-merges with lodash, which cost the
 * node about 30 ms of load time over its few hundred fields.
 */
export function withDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: merged(property.displayOptions, displayOptions) as IDisplayOptions,
	}));
}
