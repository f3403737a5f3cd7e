import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Actor } from '../helpers/interfaces';
import { compact } from '../helpers/utils';
import { ACTOR_TYPES, type InputValidator } from '../helpers/validation';

/** The actor of the `<prefix>ActorType/Id/Name` fields. */
export function actorOf(
	this: IExecuteFunctions,
	itemIndex: number,
	prefix: string,
	check: InputValidator,
): Actor {
	const actorType = check.oneOf(
		this.getNodeParameter(`${prefix}ActorType`, itemIndex, 'ServiceOwner'),
		ACTOR_TYPES,
		'Actor type',
	);
	if (actorType === 'ServiceOwner') return { actorType };
	const actorId = String(this.getNodeParameter(`${prefix}ActorId`, itemIndex, '')).trim();
	const actorName = String(this.getNodeParameter(`${prefix}ActorName`, itemIndex, '')).trim();
	if (!actorId && !actorName) check.fail('A party representative needs an actor ID or a name');
	return compact({
		actorType,
		actorId: actorId ? check.party(actorId, 'Actor ID') : undefined,
		actorName: actorName || undefined,
	}) as Actor;
}

/** Checks the actor of a body given as JSON (`performedBy`, `sender`): present, with a known type. */
export function checkJsonActor(check: InputValidator, value: unknown, field: string): void {
	if (!value || typeof value !== 'object') check.fail(`${field} is required`);
	check.oneOf((value as IDataObject).actorType, ACTOR_TYPES, `${field}.actorType`);
}
