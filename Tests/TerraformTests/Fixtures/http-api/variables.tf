# Inputs of the resume site.
variable "memory_mb" {
  description = "Lambda memory"
  type        = number
  default     = "512" # a quoted number, as real repositories write them
}

variable "env" {
  type    = string
  default = "prod"
}

variable "throttle" {
  type = map(number)
  default = {
    prod    = 50
    staging = 5
  }
}
