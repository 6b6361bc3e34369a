import type { z } from 'zod';
import { registerMethods } from './methods-register';
import { workMethods } from './methods-work';

export { callers, type Access, type Caller } from './method-table';

/**
 * The contract: every method, who may call it (access × caller, method-table.ts) and its input
 * and output schemas. One table, in two files by subject so that each stays readable.
 */
export const contract = { ...registerMethods, ...workMethods } as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
