-- Redirects a trust can register (issue 15): X and LinkedIn's standard flow accept only a redirect
-- registered in their developer console, so the loopback listener takes a fixed port per platform
-- app, not one the system picks. NULL: Custodian's default for the platform (X 53682, LinkedIn
-- 53683, YouTube 53684); Facebook and Instagram sign in another way and have none.
-- LinkedIn has two flows that must not be mixed: 'standard' (registered redirect, client secret,
-- no PKCE) and 'native' (native-pkce endpoint, PKCE, no secret; only for apps LinkedIn enabled).
ALTER TABLE platform_apps ADD COLUMN redirect_port INTEGER CHECK (redirect_port IS NULL OR redirect_port BETWEEN 1024 AND 65535);
ALTER TABLE platform_apps ADD COLUMN linkedin_flow TEXT NOT NULL DEFAULT 'standard' CHECK (linkedin_flow IN ('standard', 'native'));
