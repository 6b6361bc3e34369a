import { useState, type FormEvent } from 'react';
import { contract, type MethodInput, type MethodName } from '../../../shared/contract/methods';
import type { ContractError } from '../../../shared/contract/result';
import { describeIssue } from '../../../shared/contract/validate';
import type { CallResult, RendererOutput } from '../api/custodian.client';

export type FormErrors<F> = Partial<Record<keyof F, string>>;

export interface ContractFormOptions<M extends MethodName, F extends object> {
  method: M;
  initial: F;
  /** The call's input, made from the fields. */
  toInput(fields: F): MethodInput<M>;
  /** invoke() before sign-in, the console session's call() after it. */
  send(method: M, input: MethodInput<M>): Promise<CallResult<M>>;
  /** What follows a call that went through; a refusal it returns (a second call's) is shown like the call's own. */
  onDone(value: RendererOutput<M>, fields: F): void | Promise<ContractError | undefined>;
  /**
   * The window's own checks, worded for the form (a field left empty, two entries that differ):
   * run first, and a field with a problem stops the send. What they do not cover, the
   * contract's schema says, under the field it names.
   */
  check?(fields: F): FormErrors<F>;
  /** The form field a contract field is shown under, where their names differ (next → passphrase). */
  fieldOf?: Readonly<Record<string, keyof F>>;
}

export interface ContractForm<F extends object> {
  fields: F;
  errors: FormErrors<F>;
  /** A refusal that names no field of the form (or the core's own): shown above the buttons. */
  refusal: ContractError | null;
  busy: boolean;
  /** An input's onChange: sets the field and clears its error. */
  set(name: keyof F): (event: { currentTarget: { value: string } }) => void;
  setValue<K extends keyof F>(name: K, value: F[K]): void;
  submit(event: FormEvent): Promise<void>;
}

/**
 * One way for every form in the window: its fields, the window's own checks, then the
 * contract's input schema (the router's own door, so the form never sends what the core would
 * refuse as malformed), the call, and the refusal shown under the field it names or above the
 * buttons. Nothing is sent while a field has a problem.
 */
export function useContractForm<M extends MethodName, F extends object>(options: ContractFormOptions<M, F>): ContractForm<F> {
  const [fields, setFields] = useState<F>(options.initial);
  const [errors, setErrors] = useState<FormErrors<F>>({});
  const [refusal, setRefusal] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  const setValue = <K extends keyof F>(name: K, value: F[K]) => {
    setFields((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name]: undefined }));
  };

  const show = (error: ContractError) => {
    const named = error.field === undefined ? undefined : (options.fieldOf?.[error.field] ?? (error.field in fields ? (error.field as keyof F) : undefined));
    if (named === undefined) return setRefusal(error);
    setErrors({ [named]: error.message } as FormErrors<F>);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const found = options.check?.(fields) ?? {};
    setErrors(found);
    if (Object.values(found).some((problem) => problem !== undefined)) return;
    const input = options.toInput(fields);
    const parsed = contract[options.method].input.safeParse(input);
    if (!parsed.success) return show(describeIssue(parsed.error));
    setBusy(true);
    const result = await options.send(options.method, input);
    const after = result.ok ? await options.onDone(result.value, fields) : result.error;
    setBusy(false);
    if (after !== undefined) show(after);
  };

  return {
    fields,
    errors,
    refusal,
    busy,
    set: (name) => (event) => setValue(name, event.currentTarget.value as F[typeof name]),
    setValue,
    submit,
  };
}
