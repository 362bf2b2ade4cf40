DROP TABLE file_chunks;
DROP TABLE stored_files;
