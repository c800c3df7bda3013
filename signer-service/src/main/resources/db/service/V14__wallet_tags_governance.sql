-- A wallet's tags choose which policy rules apply to it, so changing them is a governance request
-- decided by the admins' quorum (governance.address_book_changes), like an address-book change.
-- The request names the wallet, the tags it proposes and the tags it had when proposed: a proposal
-- whose wallet's tags changed since is closed rather than silently undoing that change.
ALTER TABLE governance_request
    DROP CONSTRAINT governance_request_kind_check,
    ADD CONSTRAINT governance_request_kind_check CHECK (kind IN
        ('approver_key.register', 'approver_key.revoke', 'policy.change', 'address_book.change',
         'wallet.tags')),
    ADD COLUMN wallet_label     text,
    ADD COLUMN wallet_tags      text[],
    ADD COLUMN wallet_base_tags text[],
    -- was: approver-key requests have no candidate document, and every other kind has one
    DROP CONSTRAINT governance_request_check2,
    ADD CONSTRAINT governance_request_candidate_check CHECK ((kind LIKE '%.change')
        = (candidate_document IS NOT NULL AND candidate_hash IS NOT NULL AND base_hash IS NOT NULL)),
    ADD CONSTRAINT governance_request_wallet_check CHECK ((kind = 'wallet.tags')
        = (wallet_label IS NOT NULL AND wallet_tags IS NOT NULL AND wallet_base_tags IS NOT NULL));
