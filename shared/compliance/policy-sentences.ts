/**
 * The sentences of the social media policy the rules enforce, verbatim (the seed policy is
 * ../shared/policy/social-media-policy.txt; a unit test checks each is still in it). Kept in one
 * place because several rules enforce the same sentence.
 */
export const policySentences = {
  holders:
    "Account information and login details are held by at least one member of the Pendle Education Trust core team and at least member of each school's SLT.",
  mailbox:
    'The email addresses used to register and manage these social media channels must be dedicated to the management of social media and accessible to more than one member of PET and school staff.',
  twoFactor: 'Official social media channels have enhanced security settings, including 2-factor authentication to log in (where available).',
  monitoring: 'School and Trust accounts must be monitored regularly and frequently (preferably 7 days a week, including during holidays).',
  responses:
    'Any comments, queries or complaints made through those accounts must be responded to within 5 school days, even if the response is only to acknowledge receipt or refer to the appropriate school / Trust channel or procedure.',
  concerns:
    'Inform their line manager, the DSL (or deputies) and/or the Principal of any concerns, such as criticism, inappropriate content or contact from pupils and/or parents.',
  unacceptableConduct:
    'Unacceptable conduct using official social media channels, (e.g. defamatory, discriminatory, offensive, harassing content or a breach of data protection, confidentiality, copyright) will be considered extremely seriously by the school / Trust and will be reported as soon as possible to a relevant senior member of staff, and escalated where appropriate.',
  training:
    'Members of staff who have access to post on official social media accounts must have received training from an account administrator, this will include the following:',
  // The policy's header table (a tab in the text between the two cells).
  reviewDate: 'Review Date January 2026',
} as const;
