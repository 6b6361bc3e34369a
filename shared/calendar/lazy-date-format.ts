/**
 * An en-GB Intl.DateTimeFormat made on first use. The first one a process makes loads the
 * time-zone data, some 35 ms: a module that only imports a formatter must not pay that, or every
 * `custodian` command would before it even parsed (issue 14).
 */
export function lazyDateFormat(options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let made: Intl.DateTimeFormat | undefined;
  return () => (made ??= new Intl.DateTimeFormat('en-GB', options));
}
