-- Instagram's API fetches a post's image itself from a public https address (image_url); it
-- cannot take the bytes from this computer. A school that already has the same image on its
-- website gives that address with the image, and the Instagram adapter uses it. Only the
-- address is kept: Custodian itself never puts an image on the web.
ALTER TABLE post_media ADD COLUMN public_url TEXT CHECK (public_url IS NULL OR (length(public_url) BETWEEN 12 AND 2048 AND substr(public_url, 1, 8) = 'https://'));
