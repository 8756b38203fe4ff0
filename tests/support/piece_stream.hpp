// An input stream over a string that returns at most `piece` bytes per read, as network and
// inflating streams do: readers must not depend on where reads split their input.
#pragma once

#include <algorithm>
#include <string>

#include "storage/storage.hpp"

namespace dss::test {

class PieceStream final : public storage::InputStream {
   public:
    PieceStream(std::string text, std::size_t piece) : text_(std::move(text)), piece_(piece) {}
    std::size_t read(char* buffer, std::size_t size) override {
        auto count = std::min({size, piece_, text_.size() - position_});
        std::copy_n(text_.data() + position_, count, buffer);
        position_ += count;
        return count;
    }
    std::uint64_t size() const override { return text_.size(); }
    void seek(std::uint64_t offset) override { position_ = offset; }

   private:
    std::string text_;
    std::size_t piece_;
    std::size_t position_ = 0;
};

}  // namespace dss::test
