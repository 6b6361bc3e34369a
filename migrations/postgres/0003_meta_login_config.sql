-- Facebook Login for Business (issue 15): a Business-type Meta app signs in with the id of a
-- configuration made in its dashboard (config_id), which names the permissions, instead of a
-- list of scopes. It is not a secret, so it sits here beside the app's other settings; only
-- Facebook and Instagram apps have one, and it is digits only, as Meta shows it.
ALTER TABLE platform_apps ADD COLUMN config_id TEXT;
ALTER TABLE platform_apps ADD CONSTRAINT platform_apps_config_id_check
  CHECK (config_id IS NULL OR (platform IN ('facebook', 'instagram') AND length(config_id) BETWEEN 1 AND 30 AND config_id ~ '^[0-9]+$'));
