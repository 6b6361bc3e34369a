-- As migrations/sqlite/0022_oauth_redirects.sql: a fixed loopback port per platform app (NULL:
-- the platform's default) and LinkedIn's flow (standard or native PKCE).
ALTER TABLE platform_apps ADD COLUMN redirect_port INTEGER CHECK (redirect_port IS NULL OR redirect_port BETWEEN 1024 AND 65535);
ALTER TABLE platform_apps ADD COLUMN linkedin_flow TEXT NOT NULL DEFAULT 'standard' CHECK (linkedin_flow IN ('standard', 'native'));
