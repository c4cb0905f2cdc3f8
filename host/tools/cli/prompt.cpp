#include "cli/prompt.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace pims::cli {
namespace {

// Reads one line from fd into a Secret, byte by byte so nothing lingers in stdio buffers.
bool ReadLine(int fd, Secret& out) {
  char c;
  bool any = false;
  for (;;) {
    ssize_t n = read(fd, &c, 1);
    if (n <= 0) return any;
    any = true;
    if (c == '\n') return true;
    if (c != '\r') out.append(std::string_view(&c, 1));
  }
}

}  // namespace

Result<Secret> TerminalPrompter::Ask(const std::string& question) {
  Secret answer;
  if (from_stdin_) {
    if (!ReadLine(STDIN_FILENO, answer)) {
      return Status(ErrorCode::kBadRequest, "standard input ended before: " + question);
    }
    return answer;
  }
  FILE* tty = std::fopen("/dev/tty", "r+");
  if (tty == nullptr) {
    return Status(ErrorCode::kBadRequest,
                  "no terminal to ask '" + question + "': use --password-stdin");
  }
  const int fd = fileno(tty);
  std::fprintf(tty, "%s: ", question.c_str());
  std::fflush(tty);
  termios saved{};
  const bool is_tty = tcgetattr(fd, &saved) == 0;
  if (is_tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  const bool read_ok = ReadLine(fd, answer);
  if (is_tty) tcsetattr(fd, TCSAFLUSH, &saved);
  std::fprintf(tty, "\n");
  std::fclose(tty);
  if (!read_ok) return Status(ErrorCode::kBadRequest, "no answer to: " + question);
  return answer;
}

Result<Secret> TerminalPrompter::AskNew(const std::string& question) {
  PIMS_ASSIGN_OR_RETURN(Secret first, Ask(question));
  if (from_stdin_) return first;  // scripts say it once
  PIMS_ASSIGN_OR_RETURN(Secret again, Ask(question + " (again)"));
  if (!(first == again)) return Status(ErrorCode::kBadRequest, "the two entries differ");
  return first;
}

}  // namespace pims::cli
