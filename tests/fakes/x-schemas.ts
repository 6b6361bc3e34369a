/**
 * JSON Schemas for exactly the X API v2 operations Custodian calls, written from X's official
 * OpenAPI spec: repository github.com/xdevplatform/xdk, file specs/openapi.json, info.version 2.167
 * (read at commit 84c2654). Each operation below names its operationId in that spec.
 *
 * Only the schemas those operations reach are here, with the spec's descriptions, examples and
 * Problem's `discriminator` left out (each Problem variant's `type` enum already tells them apart, and
 * ajv does not take OpenAPI keywords). The spec is licensed under X's Developer Agreement, so it is
 * not copied in whole. Anything not from the spec is marked "not in the spec" with where it comes from.
 */

/** Where these schemas come from, for a test or an error message that has to say so. */
export const xSpecSource = { repository: 'xdevplatform/xdk', path: 'specs/openapi.json', version: '2.167' } as const;

/** The `$id` under which the components below are registered with ajv; refs are `${xSchemaId}#/components/schemas/Name`. */
export const xSchemaId = 'x-api-v2-2.167';

/** components.schemas of the spec, the subset the operations below reach. */
export const xComponents = {
  $id: xSchemaId,
  components: {
    schemas: {
    CreatePostsRequest: {type: 'object', properties: {card_uri: {type: 'string'}, community_id: {type: 'string', pattern: '^[0-9]{1,19}$'}, direct_message_deep_link: {type: 'string'}, edit_options: {'$ref': '#/components/schemas/CreatePostsEditOptions'}, for_super_followers_only: {type: 'boolean'}, geo: {'$ref': '#/components/schemas/CreatePostsGeo'}, made_with_ai: {type: 'boolean'}, media: {'$ref': '#/components/schemas/CreatePostsMedia'}, nullcast: {type: 'boolean'}, paid_partnership: {type: 'boolean'}, poll: {'$ref': '#/components/schemas/CreatePostsPoll'}, quote_tweet_id: {type: 'string', pattern: '^[0-9]{1,19}$'}, reply: {'$ref': '#/components/schemas/CreatePostsReply'}, reply_settings: {type: 'string', enum: ['following', 'mentionedUsers', 'subscribers', 'verified']}, share_with_followers: {type: 'boolean'}, text: {type: 'string'}}, additionalProperties: false},
    CreatePostsEditOptions: {type: 'object', required: ['previous_post_id'], properties: {previous_post_id: {type: 'string', pattern: '^[0-9]{1,19}$'}}, additionalProperties: false},
    CreatePostsGeo: {type: 'object', required: ['place_id'], properties: {place_id: {type: 'string'}}, additionalProperties: false},
    CreatePostsMedia: {type: 'object', required: ['media_ids'], properties: {call_to_actions: {'$ref': '#/components/schemas/CreatePostsMediaCallToActions'}, embeddable: {type: 'boolean'}, media_ids: {type: 'array', minItems: 1, maxItems: 4, items: {type: 'string', pattern: '^[0-9]{1,19}$'}}, preview_media_id: {type: 'string', pattern: '^[0-9]{1,19}$'}, tagged_user_ids: {type: 'array', maxItems: 10, items: {type: 'string', pattern: '^[0-9]{1,19}$'}}, title: {type: 'string'}}, additionalProperties: false},
    CreatePostsMediaCallToActions: {type: 'object', properties: {app_install: {'$ref': '#/components/schemas/CreatePostsMediaCallToActionsAppInstall'}, visit_site: {'$ref': '#/components/schemas/CreatePostsMediaCallToActionsVisitSite'}, watch_now: {'$ref': '#/components/schemas/CreatePostsMediaCallToActionsWatchNow'}}, additionalProperties: false},
    CreatePostsMediaCallToActionsAppInstall: {type: 'object', properties: {app_store_id: {type: 'string'}, ipad_app_store_id: {type: 'string'}, play_store_id: {type: 'string'}}, additionalProperties: false},
    CreatePostsMediaCallToActionsVisitSite: {type: 'object', required: ['url'], properties: {url: {type: 'string'}}, additionalProperties: false},
    CreatePostsMediaCallToActionsWatchNow: {type: 'object', required: ['url'], properties: {url: {type: 'string'}}, additionalProperties: false},
    CreatePostsPoll: {type: 'object', required: ['options', 'duration_minutes'], properties: {duration_minutes: {type: 'integer', minimum: 5, maximum: 10080}, options: {type: 'array', minItems: 2, maxItems: 4, items: {type: 'string', minLength: 1, maxLength: 25}}, reply_settings: {type: 'string', enum: ['following', 'mentionedUsers', 'subscribers', 'verified']}}, additionalProperties: false},
    CreatePostsReply: {type: 'object', required: ['in_reply_to_tweet_id'], properties: {auto_populate_reply_metadata: {type: 'boolean'}, exclude_reply_user_ids: {type: 'array', items: {type: 'string'}}, in_reply_to_tweet_id: {type: 'string', pattern: '^[0-9]{1,19}$'}}, additionalProperties: false},
    CreatePostsResponse: {type: 'object', properties: {data: {'$ref': '#/components/schemas/CreatePostsResponseData'}, errors: {type: 'array', items: {'$ref': '#/components/schemas/Problem'}}}},
    CreatePostsResponseData: {type: 'object', required: ['id', 'text'], properties: {edit_history_post_ids: {type: 'array', items: {type: 'string'}}, id: {type: 'string', pattern: '^[0-9]{1,19}$'}, text: {type: 'string'}}},
    Problem: {oneOf: [{'$ref': '#/components/schemas/ResourceNotFoundProblem'}, {'$ref': '#/components/schemas/InvalidRequestProblem'}, {'$ref': '#/components/schemas/NotAuthorizedForResourceProblem'}, {'$ref': '#/components/schemas/NotAuthorizedForFieldProblem'}, {'$ref': '#/components/schemas/FieldUnauthorizedProblem'}, {'$ref': '#/components/schemas/FieldHydrationFailureProblem'}, {'$ref': '#/components/schemas/ResourceUnavailableProblem'}, {'$ref': '#/components/schemas/DisallowedResourceProblem'}, {'$ref': '#/components/schemas/InternalErrorProblem'}]},
    ResourceNotFoundProblem: {type: 'object', required: ['type', 'title', 'detail', 'resource_type'], properties: {detail: {type: 'string'}, parameter: {type: 'string'}, resource_id: {type: 'string'}, resource_type: {type: 'string'}, status: {type: 'integer'}, title: {type: 'string'}, type: {type: 'string', enum: ['https://api.x.com/2/problems/resource-not-found']}, value: {type: 'string'}}},
    InvalidRequestProblem: {type: 'object', required: ['type', 'title', 'detail'], properties: {detail: {type: 'string'}, parameter: {type: 'string'}, status: {type: 'integer'}, title: {type: 'string'}, type: {type: 'string', enum: ['https://api.x.com/2/problems/invalid-request']}, value: {type: 'string'}}},
    NotAuthorizedForResourceProblem: {type: 'object', required: ['type', 'title', 'detail', 'resource_type'], properties: {detail: {type: 'string'}, parameter: {type: 'string'}, resource_id: {type: 'string'}, resource_type: {type: 'string'}, section: {type: 'string'}, status: {type: 'integer'}, title: {type: 'string'}, type: {type: 'string', enum: ['https://api.x.com/2/problems/not-authorized-for-resource']}, value: {type: 'string'}}},
    NotAuthorizedForFieldProblem: {type: 'object', required: ['type', 'title', 'detail', 'field'], properties: {detail: {type: 'string'}, field: {type: 'string'}, parameter: {type: 'string'}, resource_id: {type: 'string'}, resource_type: {type: 'string'}, section: {type: 'string'}, status: {type: 'integer'}, title: {type: 'string'}, type: {type: 'string', enum: ['https://api.x.com/2/problems/not-authorized-for-field']}, value: {type: 'string'}}},
    FieldUnauthorizedProblem: {type: 'object', required: ['type', 'title', 'detail', 'field'], properties: {detail: {type: 'string'}, field: {type: 'string'}, resource_type: {type: 'string'}, section: {type: 'string'}, status: {type: 'integer'}, title: {type: 'string'}, type: {type: 'string', enum: ['https://api.x.com/2/problems/field-unauthorized']}}},
    FieldHydrationFailureProblem: {type: 'object', required: ['type', 'title', 'detail', 'field'], properties: {detail: {type: 'string'}, field: {type: 'string'}, resource_type: {type: 'string'}, section: {type: 'string'}, status: {type: 'integer'}, title: {type: 'string'}, type: {type: 'string', enum: ['https://api.x.com/2/problems/field-hydration-failure']}}},
    ResourceUnavailableProblem: {type: 'object', required: ['type', 'title', 'detail', 'resource_type'], properties: {detail: {type: 'string'}, resource_id: {type: 'string'}, resource_type: {type: 'string'}, status: {type: 'integer'}, title: {type: 'string'}, type: {type: 'string', enum: ['https://api.x.com/2/problems/resource-unavailable']}}},
    DisallowedResourceProblem: {type: 'object', required: ['type', 'title', 'detail'], properties: {detail: {type: 'string'}, resource_id: {type: 'string'}, resource_type: {type: 'string'}, section: {type: 'string'}, status: {type: 'integer'}, title: {type: 'string'}, type: {type: 'string', enum: ['https://api.x.com/2/problems/disallowed-resource']}}},
    InternalErrorProblem: {type: 'object', required: ['type', 'title', 'detail'], properties: {detail: {type: 'string'}, status: {type: 'integer'}, title: {type: 'string'}, type: {type: 'string', enum: ['https://api.x.com/2/problems/internal-error']}}},
    MediaUploadRequest: {type: 'object', required: ['media', 'media_category'], properties: {additional_owners: {type: 'string'}, media: {anyOf: [{type: 'string', format: 'binary'}, {type: 'string', format: 'byte'}]}, media_category: {type: 'string', enum: ['tweet_image', 'tweet_video', 'tweet_gif', 'dm_image', 'dm_video', 'dm_gif', 'subtitles']}}, additionalProperties: false},
    MediaUploadResponse: {type: 'object', properties: {data: {'$ref': '#/components/schemas/MediaUploadResponseData'}, errors: {type: 'array', items: {'$ref': '#/components/schemas/Problem'}}}},
    MediaUploadResponseData: {type: 'object', required: ['id'], properties: {expires_after_secs: {type: 'integer'}, id: {type: 'string'}, image: {'$ref': '#/components/schemas/MediaUploadResponseDataImage'}, media_key: {type: 'string'}, processing_info: {'$ref': '#/components/schemas/MediaUploadResponseDataProcessingInfo'}, size: {type: 'integer'}, video: {'$ref': '#/components/schemas/MediaUploadResponseDataVideo'}}},
    MediaUploadResponseDataImage: {type: 'object', properties: {h: {type: 'integer'}, image_type: {type: 'string'}, w: {type: 'integer'}}, additionalProperties: false},
    MediaUploadResponseDataProcessingInfo: {type: 'object', properties: {check_after_secs: {type: 'integer'}, progress_percent: {type: 'integer'}, state: {type: 'string'}}, additionalProperties: false},
    MediaUploadResponseDataVideo: {type: 'object', properties: {video_type: {type: 'string'}}, additionalProperties: false},
    GetMediaUploadStatusResponse: {type: 'object', properties: {data: {'$ref': '#/components/schemas/GetMediaUploadStatusResponseData'}, errors: {type: 'array', items: {'$ref': '#/components/schemas/Problem'}}}},
    GetMediaUploadStatusResponseData: {type: 'object', required: ['id'], properties: {expires_after_secs: {type: 'integer'}, id: {type: 'string'}, image: {'$ref': '#/components/schemas/GetMediaUploadStatusResponseDataImage'}, media_key: {type: 'string'}, processing_info: {'$ref': '#/components/schemas/GetMediaUploadStatusResponseDataProcessingInfo'}, size: {type: 'integer'}, video: {'$ref': '#/components/schemas/GetMediaUploadStatusResponseDataVideo'}}},
    GetMediaUploadStatusResponseDataImage: {type: 'object', properties: {h: {type: 'integer'}, image_type: {type: 'string'}, w: {type: 'integer'}}, additionalProperties: false},
    GetMediaUploadStatusResponseDataProcessingInfo: {type: 'object', properties: {check_after_secs: {type: 'integer'}, progress_percent: {type: 'integer'}, state: {type: 'string'}}, additionalProperties: false},
    GetMediaUploadStatusResponseDataVideo: {type: 'object', properties: {video_type: {type: 'string'}}, additionalProperties: false},
    InitializeMediaUploadRequest: {type: 'object', properties: {additional_owners: {type: 'array', items: {type: 'string', pattern: '^[0-9]{1,19}$'}}, media_category: {type: 'string', enum: ['amplify_video', 'tweet_gif', 'tweet_image', 'tweet_video', 'dm_gif', 'dm_image', 'dm_video', 'subtitles']}, media_type: {type: 'string', enum: ['video/mp4', 'video/webm', 'video/mp2t', 'video/quicktime', 'text/srt', 'text/vtt', 'image/jpeg', 'image/gif', 'image/bmp', 'image/png', 'image/webp', 'image/pjpeg', 'image/tiff', 'model/gltf-binary', 'model/vnd.usdz+zip']}, shared: {type: 'boolean'}, total_bytes: {type: 'integer', minimum: 0, maximum: 17179869184}}, additionalProperties: false},
    InitializeMediaUploadResponse: {type: 'object', properties: {data: {'$ref': '#/components/schemas/InitializeMediaUploadResponseData'}, errors: {type: 'array', items: {'$ref': '#/components/schemas/Problem'}}}},
    InitializeMediaUploadResponseData: {type: 'object', required: ['id'], properties: {expires_after_secs: {type: 'integer'}, id: {type: 'string'}, media_key: {type: 'string'}}},
    AppendMediaUploadRequest: {type: 'object', required: ['media', 'segment_index'], properties: {media: {anyOf: [{type: 'string', format: 'binary'}, {type: 'string', format: 'byte'}]}, segment_index: {type: 'integer', minimum: 0, maximum: 999}}, additionalProperties: false},
    AppendMediaUploadResponse: {type: 'object', properties: {data: {'$ref': '#/components/schemas/AppendMediaUploadResponseData'}, errors: {type: 'array', items: {'$ref': '#/components/schemas/Problem'}}}},
    AppendMediaUploadResponseData: {type: 'object', properties: {expires_at: {type: 'integer'}}},
    FinalizeMediaUploadResponse: {type: 'object', properties: {data: {'$ref': '#/components/schemas/FinalizeMediaUploadResponseData'}, errors: {type: 'array', items: {'$ref': '#/components/schemas/Problem'}}}},
    FinalizeMediaUploadResponseData: {type: 'object', required: ['id'], properties: {expires_after_secs: {type: 'integer'}, id: {type: 'string'}, image: {'$ref': '#/components/schemas/FinalizeMediaUploadResponseDataImage'}, media_key: {type: 'string'}, processing_info: {'$ref': '#/components/schemas/FinalizeMediaUploadResponseDataProcessingInfo'}, size: {type: 'integer'}, video: {'$ref': '#/components/schemas/FinalizeMediaUploadResponseDataVideo'}}},
    FinalizeMediaUploadResponseDataImage: {type: 'object', properties: {h: {type: 'integer'}, image_type: {type: 'string'}, w: {type: 'integer'}}, additionalProperties: false},
    FinalizeMediaUploadResponseDataProcessingInfo: {type: 'object', properties: {check_after_secs: {type: 'integer'}, progress_percent: {type: 'integer'}, state: {type: 'string'}}, additionalProperties: false},
    FinalizeMediaUploadResponseDataVideo: {type: 'object', properties: {video_type: {type: 'string'}}, additionalProperties: false},
    CreateMediaMetadataRequest: {type: 'object', required: ['id'], properties: {id: {type: 'string', pattern: '^[0-9]{1,19}$'}, metadata: {'$ref': '#/components/schemas/CreateMediaMetadataMetadata'}}},
    CreateMediaMetadataMetadata: {type: 'object', properties: {allow_download_status: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataAllowDownloadStatus'}, alt_text: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataAltText'}, audience_policy: {type: 'object'}, content_expiration: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataContentExpiration'}, domain_restrictions: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataDomainRestrictions'}, found_media_origin: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataFoundMediaOrigin'}, geo_restrictions: {type: 'object'}, management_info: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataManagementInfo'}, preview_image: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataPreviewImage'}, sensitive_media_warning: {type: 'object'}, shared_info: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataSharedInfo'}, sticker_info: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataStickerInfo'}, upload_source: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataUploadSource'}}},
    CreateMediaMetadataMetadataAllowDownloadStatus: {type: 'object', properties: {allow_download: {type: 'boolean'}}},
    CreateMediaMetadataMetadataAltText: {type: 'object', required: ['text'], properties: {text: {type: 'string', maxLength: 1000}}},
    CreateMediaMetadataMetadataContentExpiration: {type: 'object', required: ['timestamp_sec'], properties: {timestamp_sec: {type: 'number'}}},
    CreateMediaMetadataMetadataDomainRestrictions: {type: 'object', required: ['whitelist'], properties: {whitelist: {type: 'array', items: {type: 'string'}}}},
    CreateMediaMetadataMetadataFoundMediaOrigin: {type: 'object', required: ['provider', 'id'], properties: {id: {type: 'string'}, provider: {type: 'string'}}},
    CreateMediaMetadataMetadataManagementInfo: {type: 'object', required: ['managed'], properties: {managed: {type: 'boolean'}}},
    CreateMediaMetadataMetadataPreviewImage: {type: 'object', required: ['media_key'], properties: {media_key: {type: 'object'}}},
    CreateMediaMetadataMetadataSharedInfo: {type: 'object', required: ['shared'], properties: {shared: {type: 'boolean'}}},
    CreateMediaMetadataMetadataStickerInfo: {type: 'object', required: ['stickers'], properties: {stickers: {type: 'array', items: {'$ref': '#/components/schemas/CreateMediaMetadataMetadataStickerInfoStickers'}}}},
    CreateMediaMetadataMetadataStickerInfoStickers: {type: 'object', properties: {}},
    CreateMediaMetadataMetadataUploadSource: {type: 'object', required: ['upload_source'], properties: {upload_source: {type: 'string'}}},
    CreateMediaMetadataResponse: {type: 'object', properties: {data: {'$ref': '#/components/schemas/CreateMediaMetadataResponseData'}, errors: {type: 'array', items: {'$ref': '#/components/schemas/Problem'}}}},
    CreateMediaMetadataResponseData: {type: 'object', required: ['id'], properties: {associated_metadata: {type: 'object'}, id: {type: 'string'}}},
    Error: {type: 'object', required: ['code', 'message'], properties: {code: {type: 'integer', format: 'int32'}, message: {type: 'string'}}},
    MediaId: {type: 'string', pattern: '^[0-9]{1,19}$'},
    },
  },
} as const;

const ref = (name: string) => ({ $ref: `${xSchemaId}#/components/schemas/${name}` });

/**
 * Error answers. The spec's `default` response is Error (application/json) or Problem
 * (application/problem+json). Not in the spec, but what X sends and our adapter must read (the
 * reference's X section): plain HTTP problems with RFC 7807's `about:blank` type (401, 429, and
 * 403 with "You are not allowed to create a Tweet with duplicate content."), the out-of-credits 402
 * (undocumented; seen in production as type https://api.x.com/2/problems/credits-depleted, e.g.
 * github.com/koala73/worldmonitor pull 7156), and the older {errors:[{code:88}]} rate-limit shape,
 * whose items are the spec's Error.
 */
export const xErrorResponse = {
  anyOf: [
    ref('Problem'),
    ref('Error'),
    {
      type: 'object',
      required: ['type', 'title'],
      properties: {
        type: { type: 'string', enum: ['about:blank', 'https://api.x.com/2/problems/credits-depleted'] },
        title: { type: 'string' },
        detail: { type: 'string' },
        status: { type: 'integer' },
      },
    },
    { type: 'object', required: ['errors'], properties: { errors: { type: 'array', minItems: 1, items: ref('Error') } } },
  ],
} as const;

export interface XOperation {
  /** The operationId in the spec. */
  operationId: string;
  method: 'GET' | 'POST';
  /** The spec's path template; `{id}` is a path parameter. */
  path: string;
  /** The path parameters' schema (the spec's `parameters` with `in: path`). */
  pathParams?: object;
  /**
   * The query's schema (the spec's `parameters` with `in: query`). Closed (additionalProperties
   * false) — not in the spec, but X v2 answers an undefined query parameter with invalid-request.
   */
  query: object;
  /** The spec's requestBody (required on every operation here that has one): its content types and schema. */
  body?: { contentTypes: readonly string[]; schema: object };
  /** The spec's success response: status and schema. */
  success: { status: number; schema: object };
}

const noQuery = { type: 'object', additionalProperties: false } as const;
const mediaIdInPath = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9]{1,19}$' } } } as const;

/** The operations Custodian calls (the X adapter and the account lookup after sign-in). */
export const xOperations: readonly XOperation[] = [
  {
    operationId: 'createPosts',
    method: 'POST',
    path: '/2/tweets',
    query: noQuery,
    body: { contentTypes: ['application/json'], schema: ref('CreatePostsRequest') },
    success: { status: 201, schema: ref('CreatePostsResponse') },
  },
  {
    operationId: 'mediaUpload',
    method: 'POST',
    path: '/2/media/upload',
    query: noQuery,
    body: { contentTypes: ['application/json', 'multipart/form-data'], schema: ref('MediaUploadRequest') },
    success: { status: 200, schema: ref('MediaUploadResponse') },
  },
  {
    operationId: 'getMediaUploadStatus',
    method: 'GET',
    path: '/2/media/upload',
    query: { type: 'object', required: ['media_id'], additionalProperties: false, properties: { media_id: ref('MediaId'), command: { type: 'string', enum: ['STATUS'] } } },
    success: { status: 200, schema: ref('GetMediaUploadStatusResponse') },
  },
  {
    operationId: 'initializeMediaUpload',
    method: 'POST',
    path: '/2/media/upload/initialize',
    query: noQuery,
    body: { contentTypes: ['application/json'], schema: ref('InitializeMediaUploadRequest') },
    success: { status: 200, schema: ref('InitializeMediaUploadResponse') },
  },
  {
    operationId: 'appendMediaUpload',
    method: 'POST',
    path: '/2/media/upload/{id}/append',
    pathParams: mediaIdInPath,
    query: noQuery,
    body: { contentTypes: ['application/json', 'multipart/form-data'], schema: ref('AppendMediaUploadRequest') },
    success: { status: 200, schema: ref('AppendMediaUploadResponse') },
  },
  {
    operationId: 'finalizeMediaUpload',
    method: 'POST',
    path: '/2/media/upload/{id}/finalize',
    pathParams: mediaIdInPath,
    query: noQuery,
    success: { status: 200, schema: ref('FinalizeMediaUploadResponse') },
  },
  {
    operationId: 'createMediaMetadata',
    method: 'POST',
    path: '/2/media/metadata',
    query: noQuery,
    body: { contentTypes: ['application/json'], schema: ref('CreateMediaMetadataRequest') },
    success: { status: 200, schema: ref('CreateMediaMetadataResponse') },
  },
  {
    operationId: 'getUsersMe',
    method: 'GET',
    path: '/2/users/me',
    // user.fields, expansions and tweet.fields are comma-separated lists in the spec; we send none, so
    // they are checked as strings only.
    query: { type: 'object', additionalProperties: false, properties: { 'user.fields': { type: 'string' }, expansions: { type: 'string' }, 'tweet.fields': { type: 'string' } } },
    // GetUsersMeResponse with `data` as the spec's User cut to the fields its default answer carries
    // (the spec marks none required) and without `includes` (we ask for no expansions).
    success: {
      status: 200,
      schema: {
        type: 'object',
        properties: {
          data: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, username: { type: 'string' } } },
          errors: { type: 'array', items: ref('Problem') },
        },
      },
    },
  },
];
