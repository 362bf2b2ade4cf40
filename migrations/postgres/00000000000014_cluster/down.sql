DROP TABLE nodes;
DROP TABLE cluster_settings;
DROP TABLE signing_keys;
