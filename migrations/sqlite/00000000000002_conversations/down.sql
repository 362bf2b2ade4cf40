DROP TABLE channel_reads;
DROP TABLE reactions;
DROP TABLE messages;
DROP TABLE channel_members;
DROP TABLE private_channels;
DROP TABLE channels;
