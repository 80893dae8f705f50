-- Each of these is the leading column of a wider index made later for list pages
-- (requests_requester_sent, requests_addressee_sent, subject_requests_authority_received), which
-- serves the same lookups: every new request paid for two index entries nothing needed.
DROP INDEX requests_requester;
DROP INDEX requests_addressee;
DROP INDEX subject_requests_authority;
